namespace EdgePbx.Daemon.Configuration;

/// <summary>A SIP domain is a host name: labels of letters, digits and '-' joined by '.'.</summary>
public static class SipDomainRule
{
    public static bool IsValid(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (domain.Length is 0 or > 253)
        {
            return false;
        }

        foreach (var label in domain.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-'
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}
