using System.Globalization;

namespace EdgePbx.TestSupport;

/// <summary>This process's effective capabilities (CapEff in /proc/self/status, capabilities(7) bit numbers).</summary>
public static class ProcessCapabilities
{
    public const int NetAdmin = 12;
    public const int SysAdmin = 21;
    public const int SysNice = 23;
    public const int Bpf = 39;

    public static bool Has(int capability)
    {
        var effective = File.ReadLines("/proc/self/status").First(l => l.StartsWith("CapEff:", StringComparison.Ordinal))[7..].Trim();
        return ((ulong.Parse(effective, NumberStyles.HexNumber, CultureInfo.InvariantCulture) >> capability) & 1) == 1;
    }
}
