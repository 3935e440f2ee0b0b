namespace EdgePbx.Switchboard.Media;

/// <summary>How a caller's digit reached the box.</summary>
public enum DigitSource
{
    /// <summary>RFC 4733 telephone-event packets.</summary>
    Rfc4733,

    /// <summary>SIP INFO (application/dtmf-relay or application/dtmf).</summary>
    SipInfo,

    /// <summary>DTMF tones in the G.711 audio.</summary>
    InBand,
}
