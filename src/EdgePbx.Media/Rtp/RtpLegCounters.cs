namespace EdgePbx.Media.Rtp;

/// <summary>Per-leg packet and byte counters for the call record; only the media clock's thread writes them.</summary>
public sealed class RtpLegCounters
{
    public long PacketsSent { get; set; }

    public long BytesSent { get; set; }

    public long PacketsReceived { get; set; }

    public long BytesReceived { get; set; }

    public long Invalid { get; set; }

    /// <summary>RTP from an address other than the latched one, dropped (see <see cref="RtpSession.RelatchAfterSilence"/>).</summary>
    public long FromOtherSources { get; set; }

    public long SendErrors { get; set; }
}
