namespace EdgePbx.Media.Rtp.Linux.Kernel;

/// <summary>What the kernel program has counted for one leg since its route was installed.</summary>
/// <param name="Packets">Packets forwarded (received on the leg and sent on the other).</param>
/// <param name="Bytes">Their UDP payload bytes.</param>
/// <param name="ExtendedHighestSequence">RFC 3550 A.1 extended highest sequence number received.</param>
/// <param name="JitterScaled">A.8 interarrival jitter, scaled by 16, in 8 kHz timestamp units.</param>
/// <param name="LastTimestamp">The RTP timestamp of the last packet forwarded.</param>
/// <param name="LastPayloadBytes">Its payload length (samples, for G.711).</param>
/// <param name="LastNanoseconds">When it arrived, CLOCK_MONOTONIC (bpf_ktime_get_ns).</param>
internal readonly record struct ForwardCounters(long Packets, long Bytes, uint ExtendedHighestSequence, uint JitterScaled, uint LastTimestamp, uint LastPayloadBytes, long LastNanoseconds);
