namespace EdgePbx.Media.RelayLoad;

/// <summary>
/// How the generator's packets reach the relay and come back: a UDP socket on loopback (<see cref="LoopbackPath"/>)
/// or a TUN device standing in for the network card (<see cref="TunPath"/>). One slot's packets are gathered with
/// <see cref="Add"/> and sent with <see cref="Send"/>; a thread of the path's own receives what comes back.
/// </summary>
internal interface ILoadPath : IDisposable
{
    /// <summary>What the latency columns measure on this path.</summary>
    string LatencyMeaning { get; }

    /// <summary>Packets gathered for the next <see cref="Send"/>.</summary>
    int Count { get; }

    /// <summary>Packets of the measured frames received back (each leg's packet arrives once).</summary>
    long Received { get; }

    /// <summary>Measured packets that came without a kernel receive time (counted in the handled latency only).</summary>
    long Unstamped { get; }

    void StartReceiving();

    void StopReceiving();

    void Clear();

    /// <summary>Adds leg <paramref name="leg"/>'s packet of <paramref name="frame"/> to this slot.</summary>
    void Add(int leg, int frame);

    /// <summary>Stamps the gathered packets with the time now (per batch) and sends them all.</summary>
    void Send();
}
