namespace EdgePbx.Daemon.Reset;

/// <summary>The exit code a service asked for when it stopped the daemon (0 unless someone asked).</summary>
public sealed class ExitRequest
{
    private int _code;

    public int Code => Volatile.Read(ref _code);

    public void Request(int code) => Volatile.Write(ref _code, code);
}
