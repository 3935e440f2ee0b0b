using EdgePbx.Sip.Messages;

namespace EdgePbx.Switchboard.Signalling;

/// <summary>Fresh identifiers for requests we originate (RFC 3261 8.1.1.3/4/7: unique, with enough randomness).</summary>
internal static class SipIds
{
    public static string Branch() => SipTokens.Branch();

    public static string Tag() => SipTokens.Hex(5);

    public static string CallId(string host) => SipTokens.Hex(10) + "@" + host;

    public static ulong SdpSessionId() => (ulong)SipTokens.Number(1, int.MaxValue);
}
