namespace EdgePbx.Sip.Messages;

/// <summary>Limits against abuse; anything larger is refused before it is looked at further.</summary>
public sealed record SipParserLimits
{
    public static SipParserLimits Default { get; } = new();

    /// <summary>Largest whole message (a UDP datagram cannot exceed 65,507 bytes anyway).</summary>
    public int MaxMessageBytes { get; init; } = 65_535;

    public int MaxHeaderCount { get; init; } = 128;

    /// <summary>Longest header line, folds included.</summary>
    public int MaxHeaderBytes { get; init; } = 8_192;

    public int MaxBodyBytes { get; init; } = 60_000;
}
