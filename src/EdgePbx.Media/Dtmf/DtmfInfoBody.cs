namespace EdgePbx.Media.Dtmf;

/// <summary>
/// Digits sent in SIP INFO bodies by phones that do not use RFC 4733: <c>application/dtmf-relay</c>
/// ("Signal=5\r\nDuration=160", the Cisco/SIPfoundry form) and <c>application/dtmf</c> (the bare key, or an
/// RFC 4733 event number). The SIP layer hands us content type and body; we return the key or null.
/// </summary>
public static class DtmfInfoBody
{
    public static char? TryParse(string contentType, string body)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        ArgumentNullException.ThrowIfNull(body);
        var type = contentType.Split(';')[0].Trim();
        if (type.Equals("application/dtmf-relay", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var line in body.Split('\n'))
            {
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0 && line[..equals].Trim().Equals("Signal", StringComparison.OrdinalIgnoreCase))
                {
                    return Key(line[(equals + 1)..].Trim());
                }
            }

            return null;
        }

        return type.Equals("application/dtmf", StringComparison.OrdinalIgnoreCase) ? Key(body.Trim()) : null;
    }

    private static char? Key(string value)
    {
        if (value.Length == 1 && TelephoneEvent.EventFor(value[0]) is not null)
        {
            return char.ToUpperInvariant(value[0]);
        }

        // Some phones send the RFC 4733 event number instead: 10 is *, 11 is #, 12-15 are A-D.
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
            && code is >= 0 and <= 15
            ? new TelephoneEvent((byte)code, false, 0, 0).Digit
            : null;
    }
}
