namespace EdgePbx.Media.Rtp;

/// <summary>The configured UDP range for RTP; RFC 3550 11 puts RTP on even ports (RTCP on the next odd one).</summary>
public sealed record RtpPortRange(int First, int Last)
{
    public IEnumerable<int> EvenPorts()
    {
        for (var port = First + (First % 2); port <= Last; port += 2)
        {
            yield return port;
        }
    }
}
