using EdgePbx.Daemon.Configuration;
using EdgePbx.Web.Health;

namespace EdgePbx.Daemon.Hosting;

/// <summary>Ready only while the data directory (records, voicemail, plan history) is writable.</summary>
public sealed class DataDirectoryReadiness(DaemonSettings settings) : IReadinessCheck
{
    public string Name => "data";

    public ReadinessResult Check() => DataDirectoryCheck.EnsureWritable(settings.DataDirectory) is { } problem
        ? ReadinessResult.No(problem)
        : ReadinessResult.Yes(settings.DataDirectory);
}
