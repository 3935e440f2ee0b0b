namespace EdgePbx.Media.Rtp;

/// <summary>RFC 3550 6.4.1 sender information of an SR: NTP and RTP timestamps, packet and octet counts.</summary>
public readonly record struct RtcpSenderInfo(ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    /// <summary>RFC 3550 6.4.1 LSR: the middle 32 bits of the NTP timestamp.</summary>
    public uint MiddleNtpBits => (uint)(NtpTimestamp >> 16);
}
