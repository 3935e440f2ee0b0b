using System.Net;
using EdgePbx.Switchboard.Options;

namespace EdgePbx.Daemon.Configuration;

/// <summary>Checks the "trunk" section and names the first wrong key.</summary>
public static class TrunkSettingsReader
{
    public static (TrunkSettings? Settings, string? Error) Read(SettingsFileModel.TrunkSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (section.Target is not { } targetText || !IPEndPoint.TryParse(targetText, out var target) || target.Port == 0)
        {
            return (null, $"trunk.target: '{section.Target}' is not an IP address with a port, e.g. 203.0.113.10:5060");
        }

        if (section.Domain is not { } domain || !SipDomainRule.IsValid(domain))
        {
            return (null, $"trunk.domain: '{section.Domain}' is not a host name (letters, digits, '-' and '.')");
        }

        if (section.Account is not { Length: > 0 } account || !account.All(char.IsAsciiDigit))
        {
            return (null, $"trunk.account: '{section.Account}' is not a number (the enterprise's number at the carrier)");
        }

        if ((section.Username is null) != (section.Password is null) || section.Username is "" || section.Password is "")
        {
            return (null, "trunk.username and trunk.password: set both (the box registers) or neither (IP-authenticated trunk)");
        }

        if (section.Expires is < 60 or > 86_400)
        {
            return (null, $"trunk.expires: {section.Expires} is outside 60..86400 seconds");
        }

        CallerIdMode mode;
        switch (section.CallerId)
        {
            case null or "pai":
                mode = CallerIdMode.PAssertedIdentity;
                break;
            case "from":
                mode = CallerIdMode.From;
                break;
            default:
                return (null, $"trunk.callerId: '{section.CallerId}' is not one of pai, from");
        }

        var sources = new List<IPAddress>();
        foreach (var text in section.Sources ?? [])
        {
            if (!IPAddress.TryParse(text, out var address))
            {
                return (null, $"trunk.sources: '{text}' is not an IP address");
            }

            sources.Add(address);
        }

        return (new TrunkSettings
        {
            Target = target,
            Domain = domain,
            Account = account,
            Username = section.Username,
            Password = section.Password,
            Expires = section.Expires ?? 300,
            CallerId = mode,
            Sources = sources,
        }, null);
    }
}
