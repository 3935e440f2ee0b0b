namespace EdgePbx.Media.Rtp;

/// <summary>
/// Per-thread buffers for building, transcoding and draining one datagram at a time. Each use is synchronous
/// and finishes before the thread does anything else with the same buffer (build, then send; receive, then
/// hand up), so one buffer per thread serves every session that thread touches, and a call needs no buffers
/// of its own: 9 KB per call before (two sessions with a send and a receive buffer each, a relay with one per
/// direction), which was the largest share of the call engine's garbage. A thread-local buffer cannot be in
/// use by another thread, so there is nothing to return when a call ends while the clock or the I/O loop is
/// still running it.
/// </summary>
internal static class PacketScratch
{
    public const int DatagramBytes = 1500;

    [ThreadStatic]
    private static byte[]? t_send;

    [ThreadStatic]
    private static byte[]? t_transcode;

    [ThreadStatic]
    private static byte[]? t_receive;

    /// <summary>Where an outgoing packet is written just before it is sent.</summary>
    public static byte[] Send => t_send ??= new byte[DatagramBytes];

    /// <summary>Where a relayed payload is transcoded before it is sent (then written again into <see cref="Send"/>).</summary>
    public static byte[] Transcode => t_transcode ??= new byte[DatagramBytes];

    /// <summary>Where a drained datagram lands before it is handled.</summary>
    public static byte[] Receive => t_receive ??= new byte[DatagramBytes];
}
