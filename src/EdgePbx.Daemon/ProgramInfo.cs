using System.Reflection;
using System.Runtime.InteropServices;

namespace EdgePbx.Daemon;

/// <summary>What this build is, for <c>edgepbx version</c>, logs and the health endpoint.</summary>
public static class ProgramInfo
{
    public static string Version { get; } =
        typeof(ProgramInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static string Describe() =>
        $"edgepbx {Version} ({RuntimeInformation.RuntimeIdentifier}, .NET {Environment.Version}, " +
        $"{(IsNative ? "NativeAOT" : "managed")})";

    // A NativeAOT build is one executable; a managed build has its IL beside the apphost.
    private static bool IsNative => !File.Exists(Path.Combine(AppContext.BaseDirectory, "edgepbx.dll"));
}
