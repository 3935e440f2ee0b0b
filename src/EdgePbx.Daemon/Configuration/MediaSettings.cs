using EdgePbx.Media.Rtp;

namespace EdgePbx.Daemon.Configuration;

/// <summary>Media: the UDP ports the box opens for RTP, and the language of the default prompts.</summary>
public sealed record MediaSettings
{
    /// <summary>
    /// 16384–32767 (the range many PBXs use, below Linux's ephemeral ports 32768–60999): 8192 even ports, two per
    /// relayed call, so about 4000 calls up at once. The old fixed 16384–17383 ran out at ~250 calls under load.
    /// </summary>
    public RtpPortRange RtpPorts { get; init; } = new(16384, 32767);

    /// <summary>
    /// The default prompts copied as prompts/NAME.wav (the names plans use): "en" or "cmn" (Mandarin). Every
    /// language's set is copied under prompts/LANGUAGE/ either way.
    /// </summary>
    public string PromptLanguage { get; init; } = "en";
}
