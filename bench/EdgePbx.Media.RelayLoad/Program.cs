using EdgePbx.Media.RelayLoad;

// Relay load: `drive` opens N call pairs through RtpRelay in a child `relay` process on loopback and
// measures loss, added latency and the relay's CPU. Method and results: docs/performance.md, "Relay".
return args.FirstOrDefault() switch
{
    "relay" => RelayHost.Run(LoadOptions.Parse(args[1..])),
    "drive" => LoadDriver.Run(LoadOptions.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine(
        "usage: EdgePbx.Media.RelayLoad drive --calls N[,N...] [--seconds S] [--warmup S] [--direct] [--relay-threads T] [--relay-realtime P] [--relay-kernel] [--slots N] [--tun]\n" +
        "  drive: starts the relay process, sends 20 ms G.711 frames on both legs of every call, prints loss,\n" +
        "         added latency p50/p99/max and the relay's CPU-seconds; one line per N.\n" +
        "  --direct: no relay, legs send to each other (the measuring floor of this tool).\n" +
        "  --relay-threads T: the relay's RTP I/O loop threads (EDGEPBX_RTP_IO_THREADS; default 1).\n" +
        "  --relay-realtime P: the I/O threads run SCHED_FIFO at priority P (EDGEPBX_RTP_REALTIME_PRIORITY).\n" +
        "  --relay-kernel: pass-through calls are relayed in the kernel (EDGEPBX_RTP_KERNEL_FORWARD=1; CAP_BPF, CAP_NET_ADMIN).\n" +
        "  --slots N: send slots per 20 ms frame (default 20, i.e. 1 ms; calls spread over them).\n" +
        "  --tun: the generator sits behind a TUN device (a phone address per leg) instead of on loopback (needs CAP_NET_ADMIN).");
    return 64;
}
