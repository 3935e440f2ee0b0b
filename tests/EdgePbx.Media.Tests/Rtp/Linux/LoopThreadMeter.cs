using EdgePbx.Media.Rtp;

namespace EdgePbx.Media.Tests.Rtp.Linux;

/// <summary>
/// Forwards to a relay and samples the receiving thread's allocation counter: once after a warm-up (latching,
/// first-use paths) and again at every packet since. Everything that thread did in between counts.
/// </summary>
internal sealed class LoopThreadMeter(RtpRelay relay, int warmup) : IRtpReceiver
{
    private long _packets;
    private long _atWarmup;
    private long _allocatedAfterWarmup;

    public long Packets => Interlocked.Read(ref _packets);

    public long AllocatedAfterWarmup => Interlocked.Read(ref _allocatedAfterWarmup);

    public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        relay.OnRtp(session, header, payload);
        var packets = Interlocked.Increment(ref _packets);
        if (packets == warmup)
        {
            _atWarmup = GC.GetAllocatedBytesForCurrentThread();
        }
        else if (packets > warmup)
        {
            Interlocked.Exchange(ref _allocatedAfterWarmup, GC.GetAllocatedBytesForCurrentThread() - _atWarmup);
        }
    }

    public void OnMediaTimeout(RtpSession session) => relay.OnMediaTimeout(session);
}
