using System.Security.Cryptography;

namespace EdgePbx.Switchboard.Signalling;

/// <summary>Fresh identifiers for requests we originate (RFC 3261 8.1.1.3/4/7: unique, with enough randomness).</summary>
internal static class SipIds
{
    public static string Branch() => "z9hG4bK" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string Tag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    public static string CallId(string host) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10)) + "@" + host;

    public static ulong SdpSessionId() => (ulong)RandomNumberGenerator.GetInt32(1, int.MaxValue);
}
