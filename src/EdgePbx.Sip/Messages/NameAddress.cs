namespace EdgePbx.Sip.Messages;

/// <summary>From, To, Contact, Route values: optional display name, URI, header parameters.</summary>
public sealed record NameAddress(string? DisplayName, SipUri Uri, IReadOnlyList<SipParameter> Parameters)
{
    public string? Tag => GetParameter("tag");

    public string? GetParameter(string name) => ParameterList.Find(Parameters, name);

    internal static NameAddress Create(ReadOnlySpan<byte> buf, in NameAddrParts p)
    {
        UriSyntax.Scan(buf, p.Uri, p.Bracketed ? UriSyntax.Context.Bracketed : UriSyntax.Context.AddrSpec, out var up);
        var display = p.DisplayName.IsEmpty ? null : SipScanner.Decode(buf, p.DisplayName);
        if (display is not null && display.StartsWith('"'))
        {
            display = Unquote(display);
        }

        return new NameAddress(display, SipUri.Create(buf, p.Uri, up), ParameterList.FromHeader(buf, p.Parameters));
    }

    /// <summary>RFC 3261 25.1: strips the quotes and resolves quoted-pairs.</summary>
    public static string Unquote(string quoted)
    {
        ArgumentNullException.ThrowIfNull(quoted);
        var inner = quoted.Length >= 2 ? quoted[1..^1] : quoted;
        if (!inner.Contains('\\', StringComparison.Ordinal))
        {
            return inner;
        }

        var sb = new System.Text.StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }

            sb.Append(inner[i]);
        }

        return sb.ToString();
    }

    public override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        if (DisplayName is not null)
        {
            sb.Append('"').Append(DisplayName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\" ");
        }

        sb.Append('<').Append(Uri.Text).Append('>');
        foreach (var p in Parameters)
        {
            sb.Append(';').Append(p.Name);
            if (p.Value is not null)
            {
                sb.Append('=').Append(p.Value);
            }
        }

        return sb.ToString();
    }
}
