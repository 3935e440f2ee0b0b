using System.Globalization;

namespace EdgePbx.Media.RelayLoad;

/// <summary>Command line of both modes.</summary>
internal sealed record LoadOptions(int[] Calls, double Seconds, double Warmup, bool Direct, int? RelayThreads, int BasePort, int Slots, bool Tun, System.Net.IPAddress Address, int RealtimePriority, bool Kernel)
{
    public static LoadOptions Parse(string[] args)
    {
        int[] calls = [100];
        double seconds = 10, warmup = 2;
        var direct = false;
        int? relayThreads = null;
        var basePort = 20000;
        var slots = 20;
        var tun = false;
        var realtime = 0;
        var kernel = false;
        var address = System.Net.IPAddress.Loopback;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--calls":
                    calls = args[++i].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
                    break;
                case "--seconds":
                    seconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--warmup":
                    warmup = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--base-port":
                    basePort = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--slots":
                    slots = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--relay-realtime":
                    realtime = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--relay-kernel":
                    kernel = true;
                    break;
                case "--tun":
                    tun = true;
                    break;
                case "--address":
                    address = System.Net.IPAddress.Parse(args[++i]);
                    break;
                case "--direct":
                    direct = true;
                    break;
                case "--relay-threads":
                    relayThreads = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return new LoadOptions(calls, seconds, warmup, direct, relayThreads, basePort, slots, tun, address, realtime, kernel);
    }
}
