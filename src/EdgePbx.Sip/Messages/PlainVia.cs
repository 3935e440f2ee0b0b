using System.Runtime.CompilerServices;
using System.Text;

namespace EdgePbx.Sip.Messages;

/// <summary>
/// The top Via of a request read straight from its bytes when the validator's fast path indexed it
/// (<see cref="SipMessage.TopViaIsPlain"/>): routing a response (RFC 3261 18.2.2) and echoing the Via in it (18.2.1,
/// RFC 3581) then need no parsed Via list, which every request's responses used to build (a list, a ViaHeader,
/// its strings and parameter list). Any other Via shape takes the parsed path.
/// </summary>
internal static class PlainVia
{
    private const int MaxChars = 256;

    /// <summary>The top Via's pieces when they can be read as plain bytes.</summary>
    public static bool TryGet(SipMessage message, out ViaParts top)
    {
        top = message.TopViaParts;
        return message.TopViaIsPlain && !top.Host.IsEmpty && top.Parameters.Length <= MaxChars && top.Host.Length <= MaxChars && top.Transport.Length <= MaxChars;
    }

    /// <summary>True when a parameter of that name (ASCII, any case) is among the Via's.</summary>
    public static bool HasParameter(ReadOnlySpan<byte> raw, in ViaParts top, ReadOnlySpan<byte> name)
    {
        var rest = raw.Slice(top.Parameters.Start, top.Parameters.Length);
        while (Next(ref rest, out var n, out _))
        {
            if (Ascii.EqualsIgnoreCase(n, name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The host as written (a name or IPv4 address: ASCII), into <paramref name="chars"/>.</summary>
    public static ReadOnlySpan<char> Host(ReadOnlySpan<byte> raw, in ViaParts top, Span<char> chars)
    {
        var host = raw.Slice(top.Host.Start, top.Host.Length);
        var n = Encoding.ASCII.GetChars(host, chars);
        return chars[..n];
    }

    /// <summary>
    /// Writes the Via as the response echoes it: "SIP/2.0/" + transport in upper case, the sent-by, then the parameters
    /// in their order, received= left out when <paramref name="dropReceived"/>, rport given <paramref name="rport"/>'s value.
    /// </summary>
    public static void AppendEchoed(ref DefaultInterpolatedStringHandler text, ReadOnlySpan<byte> raw, in ViaParts top, bool dropReceived, int? rport)
    {
        Span<char> chars = stackalloc char[MaxChars];
        text.AppendLiteral("SIP/2.0/");
        var transport = raw.Slice(top.Transport.Start, top.Transport.Length);
        var n = Encoding.ASCII.GetChars(transport, chars);
        for (var i = 0; i < n; i++)
        {
            chars[i] = char.ToUpperInvariant(chars[i]);
        }

        text.AppendFormatted((ReadOnlySpan<char>)chars[..n]);
        text.AppendLiteral(" ");
        text.AppendFormatted(Host(raw, top, chars));
        if (top.Port >= 0)
        {
            text.AppendLiteral(":");
            text.AppendFormatted(top.Port);
        }

        var rest = raw.Slice(top.Parameters.Start, top.Parameters.Length);
        while (Next(ref rest, out var name, out var value))
        {
            if (dropReceived && Ascii.EqualsIgnoreCase(name, "received"u8))
            {
                continue;
            }

            if (rport is { } port && Ascii.EqualsIgnoreCase(name, "rport"u8))
            {
                text.AppendLiteral(";rport=");
                text.AppendFormatted(port);
                continue;
            }

            text.AppendLiteral(";");
            text.AppendFormatted((ReadOnlySpan<char>)chars[..Encoding.ASCII.GetChars(name, chars)]);
            if (!value.IsEmpty)
            {
                text.AppendLiteral("=");
                text.AppendFormatted((ReadOnlySpan<char>)chars[..Encoding.ASCII.GetChars(value, chars)]);
            }
        }
    }

    // ";name[=value]" after ";name[=value]": the fast path allowed neither spaces nor quotes, and a value is never empty.
    private static bool Next(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        name = value = default;
        if (rest.IsEmpty || rest[0] != ';')
        {
            return false;
        }

        rest = rest[1..];
        var end = rest.IndexOf((byte)';');
        var param = end < 0 ? rest : rest[..end];
        rest = end < 0 ? default : rest[end..];
        var eq = param.IndexOf((byte)'=');
        name = eq < 0 ? param : param[..eq];
        value = eq < 0 ? default : param[(eq + 1)..];
        return true;
    }
}
