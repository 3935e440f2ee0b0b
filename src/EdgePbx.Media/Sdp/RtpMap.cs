namespace EdgePbx.Media.Sdp;

/// <summary>RFC 4566 6 a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;channels&gt;], plus its a=fmtp if any.</summary>
public sealed record RtpMap(int PayloadType, string EncodingName, int ClockRate, int Channels = 1, string? FormatParameters = null)
{
    public bool Is(string encodingName, int clockRate) =>
        string.Equals(EncodingName, encodingName, StringComparison.OrdinalIgnoreCase) && ClockRate == clockRate;
}
