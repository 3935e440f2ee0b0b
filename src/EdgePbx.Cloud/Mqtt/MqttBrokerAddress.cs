using System.Globalization;

namespace EdgePbx.Cloud.Mqtt;

/// <summary>A broker from a URL: <c>mqtt://host[:1883]</c> or <c>mqtts://host[:8883]</c> (TLS), optional <c>user:password@</c>.</summary>
public sealed record MqttBrokerAddress(string Host, int Port, bool UseTls, string? Username = null, string? Password = null)
{
    public static bool TryParse(string text, out MqttBrokerAddress? address, out string error)
    {
        address = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            error = $"'{text}' is not a URL";
            return false;
        }

        var tls = uri.Scheme switch
        {
            "mqtt" or "tcp" => (bool?)false,
            "mqtts" or "ssl" => true,
            _ => null,
        };
        if (tls is null)
        {
            error = $"scheme '{uri.Scheme}' is not mqtt or mqtts";
            return false;
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            error = $"'{text}' has no host";
            return false;
        }

        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        }

        var port = uri.IsDefaultPort || uri.Port < 0 ? (tls.Value ? 8883 : 1883) : uri.Port;
        address = new MqttBrokerAddress(uri.Host, port, tls.Value, user, password);
        error = "";
        return true;
    }

    /// <summary>For logs: never includes the password.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(UseTls ? "mqtts" : "mqtt")}://{Host}:{Port}");
}
