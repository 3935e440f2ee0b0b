namespace EdgePbx.Integration.Tests.Support;

/// <summary>Runs Debian's sipp (package sip-tester) with one of this project's scenario files.</summary>
public static class Sipp
{
    public static string? Find() => ExternalTool.RequireOrSkip("sipp", "sip-tester");

    /// <summary>Runs <paramref name="scenario"/> (a file under Scenarios/) once against the daemon; exit 0 means every step matched.</summary>
    public static (int ExitCode, string Output) Run(string sipp, string scenario, int targetPort, params string[] extra) =>
        RunOn(sipp, scenario, targetPort, FreePorts.UdpAndTcp(), extra);

    /// <summary>As <see cref="Run"/>, from a chosen local port (a phone that registers, then answers there).</summary>
    public static (int ExitCode, string Output) RunOn(string sipp, string scenario, int targetPort, int localPort, params string[] extra)
    {
        var work = Directory.CreateTempSubdirectory("edgepbx-sipp-").FullName;
        string[] args =
        [
            $"127.0.0.1:{targetPort}", "-sf", Path.Combine(AppContext.BaseDirectory, "Scenarios", scenario),
            "-i", "127.0.0.1", "-p", localPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-m", "1", "-timeout", "15s", "-timeout_error", "-nostdin", "-trace_err", .. extra,
        ];
        var (code, output) = ExternalTool.Run(sipp, args, TimeSpan.FromSeconds(20), work);
        var errors = Directory.GetFiles(work, "*_errors.log").Select(File.ReadAllText);
        return (code, output + string.Join('\n', errors));
    }
}
