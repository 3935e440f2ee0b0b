using System.Net;
using EdgePbx.Switchboard.Options;

namespace EdgePbx.Daemon.Configuration;

/// <summary>Checks the "trunk" section: <see cref="Read"/> names the first wrong key, <see cref="ReadAll"/> every one (for a form).</summary>
public static class TrunkSettingsReader
{
    public static (TrunkSettings? Settings, string? Error) Read(SettingsFileModel.TrunkSection section)
    {
        var (settings, issues) = ReadAll(section);
        return (settings, issues.Count == 0 ? null : issues[0].ToString());
    }

    public static (TrunkSettings? Settings, IReadOnlyList<SettingsIssue> Issues) ReadAll(SettingsFileModel.TrunkSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var issues = new List<SettingsIssue>();
        IPEndPoint? target = section.Target is { } targetText && IPEndPoint.TryParse(targetText, out var parsed) && parsed.Port != 0 ? parsed : null;
        if (target is null)
        {
            issues.Add(new("trunk.target", $"'{section.Target}' is not an IP address with a port, e.g. 203.0.113.10:5060"));
        }

        string? domain = section.Domain is { } d && SipDomainRule.IsValid(d) ? d : null;
        if (domain is null)
        {
            issues.Add(new("trunk.domain", $"'{section.Domain}' is not a host name (letters, digits, '-' and '.')"));
        }

        string? account = section.Account is { Length: > 0 } a && a.All(char.IsAsciiDigit) ? a : null;
        if (account is null)
        {
            issues.Add(new("trunk.account", $"'{section.Account}' is not a number (the enterprise's number at the carrier)"));
        }

        if ((section.Username is null) != (section.Password is null) || section.Username is "" || section.Password is "")
        {
            issues.Add(new("trunk.username and trunk.password", "set both (the box registers) or neither (IP-authenticated trunk)",
                section.Username is null or "" ? "trunk.username" : "trunk.password"));
        }

        if (section.Expires is < 60 or > 86_400)
        {
            issues.Add(new("trunk.expires", $"{section.Expires} is outside 60..86400 seconds"));
        }

        var mode = CallerIdMode.PAssertedIdentity;
        switch (section.CallerId)
        {
            case null or "pai":
                break;
            case "from":
                mode = CallerIdMode.From;
                break;
            default:
                issues.Add(new("trunk.callerId", $"'{section.CallerId}' is not one of pai, from"));
                break;
        }

        var sources = new List<IPAddress>();
        foreach (var text in section.Sources ?? [])
        {
            if (!IPAddress.TryParse(text, out var address))
            {
                issues.Add(new("trunk.sources", $"'{text}' is not an IP address"));
                break;
            }

            sources.Add(address);
        }

        if (issues.Count > 0 || target is null || domain is null || account is null)
        {
            return (null, issues);
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
        }, issues);
    }
}
