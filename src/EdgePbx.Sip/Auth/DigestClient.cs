using System.Globalization;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Auth;

/// <summary>Client side digest (the trunk): answers a challenge with an Authorization value.</summary>
public static class DigestClient
{
    public static string Authorization(DigestChallenge challenge, string method, string digestUri, string username, string password, int nonceCount)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var ha1 = DigestCalculator.Ha1(challenge.Algorithm, username, challenge.Realm, password);
        var nc = nonceCount.ToString("x8", CultureInfo.InvariantCulture);
        var cnonce = challenge.QopAuth ? SipTokens.Hex(8) : null;
        var qop = challenge.QopAuth ? "auth" : null;
        var response = DigestCalculator.Response(challenge.Algorithm, ha1, challenge.Nonce, challenge.QopAuth ? nc : null, cnonce, qop, method, digestUri);
        var value = $"Digest username=\"{username}\", realm=\"{challenge.Realm}\", nonce=\"{challenge.Nonce}\", uri=\"{digestUri}\", response=\"{response}\", algorithm={DigestCalculator.Name(challenge.Algorithm)}";
        if (challenge.QopAuth)
        {
            value += $", qop=auth, nc={nc}, cnonce=\"{cnonce}\"";
        }

        if (challenge.Opaque is not null)
        {
            value += $", opaque=\"{challenge.Opaque}\"";
        }

        return value;
    }
}
