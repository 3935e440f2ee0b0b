using System.Globalization;
using System.Runtime.CompilerServices;

namespace EdgePbx.Sip.Messages;

/// <summary>One via-parm (RFC 3261 20.42), with the parameters RFC 3261 18.2.2 and RFC 3581 route by.</summary>
public sealed record ViaHeader(string Protocol, string Version, string Transport, string Host, int? Port, IReadOnlyList<SipParameter> Parameters)
{
    public string? Branch => GetParameter("branch");

    public string? Received => GetParameter("received");

    /// <summary>RFC 3581: present (possibly empty) when the client asked for rport.</summary>
    public string? RPort => GetParameter("rport");

    public string? MAddr => GetParameter("maddr");

    /// <summary>RFC 3261 17.2.3: branches starting with the magic cookie identify transactions.</summary>
    public bool HasMagicCookie => Branch?.StartsWith("z9hG4bK", StringComparison.Ordinal) == true;

    public string? GetParameter(string name) => ParameterList.Find(Parameters, name);

    // The port as int, not int?: a nullable formatted into the string is boxed first (every request's transaction key).
    public string SentBy => FormatSentBy(Host, Port);

    /// <summary>sent-by as RFC 3261 writes it: the host, and ":port" when there is one.</summary>
    internal static string FormatSentBy(string host, int? port) =>
        port is not { } p ? host : string.Create(CultureInfo.InvariantCulture, $"{host}:{p}");

    internal static ViaHeader Create(ReadOnlySpan<byte> buf, in ViaParts p) => new(
        SipScanner.Decode(buf, p.Protocol).ToUpperInvariant(),
        SipScanner.Decode(buf, p.Version),
        SipScanner.Decode(buf, p.Transport).ToUpperInvariant(),
        SipScanner.Decode(buf, p.Host),
        p.Port < 0 ? null : p.Port,
        ParameterList.FromHeader(buf, p.Parameters));

    public override string ToString()
    {
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        AppendSentBy(ref text);
        foreach (var p in Parameters)
        {
            AppendParameter(ref text, p.Name, p.Value);
        }

        return text.ToStringAndClear();
    }

    /// <summary>"SIP/2.0/UDP host:port", the part before the parameters.</summary>
    internal void AppendSentBy(ref DefaultInterpolatedStringHandler text)
    {
        text.AppendLiteral(Protocol);
        text.AppendLiteral("/");
        text.AppendLiteral(Version);
        text.AppendLiteral("/");
        text.AppendLiteral(Transport);
        text.AppendLiteral(" ");
        text.AppendLiteral(Host);
        if (Port is { } port)
        {
            text.AppendLiteral(":");
            text.AppendFormatted(port);
        }
    }

    internal static void AppendParameter(ref DefaultInterpolatedStringHandler text, string name, string? value)
    {
        text.AppendLiteral(";");
        text.AppendLiteral(name);
        if (value is not null)
        {
            text.AppendLiteral("=");
            text.AppendLiteral(value);
        }
    }
}
