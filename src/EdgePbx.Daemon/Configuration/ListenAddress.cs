using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace EdgePbx.Daemon.Configuration;

/// <summary>A HOST:PORT pair the daemon binds to; IPv6 hosts are written in brackets ("[::1]:5060").</summary>
public readonly record struct ListenAddress(IPAddress Address, int Port)
{
    public IPEndPoint EndPoint => new(Address, Port);

    public static bool TryParse(string? text, [NotNullWhen(true)] out ListenAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "expected HOST:PORT, got an empty value";
            return false;
        }

        string host;
        string port;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':')
            {
                error = $"expected [IPv6]:PORT, got '{text}'";
                return false;
            }
            host = text[1..close];
            port = text[(close + 2)..];
        }
        else
        {
            int colon = text.LastIndexOf(':');
            if (colon <= 0 || text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                error = $"expected HOST:PORT (IPv6 in brackets), got '{text}'";
                return false;
            }
            host = text[..colon];
            port = text[(colon + 1)..];
        }

        IPAddress? ip = host switch
        {
            "localhost" => IPAddress.Loopback,
            "*" => IPAddress.Any,
            // IPAddress.TryParse takes legacy forms such as "1.2.3"; an installer meant four octets.
            _ => IPAddress.TryParse(host, out var parsed)
                 && (parsed.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || host.Count(c => c == '.') == 3)
                ? parsed : null,
        };
        if (ip is null)
        {
            error = $"'{host}' is not an IP address (the box binds to its own addresses, not names)";
            return false;
        }
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number is < 1 or > 65535)
        {
            error = $"'{port}' is not a port number (1-65535)";
            return false;
        }

        address = new ListenAddress(ip, number);
        error = null;
        return true;
    }

    public override string ToString() => EndPoint.ToString();
}
