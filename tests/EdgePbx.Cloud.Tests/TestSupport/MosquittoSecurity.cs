using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgePbx.Cloud.Tests.TestSupport;

/// <summary>TLS with a self-signed certificate for 127.0.0.1 made by the test, and one user with a password.</summary>
internal sealed record MosquittoSecurity(string Username, string Password)
{
    /// <summary>Writes certificate, key and password file into <paramref name="dir"/>; returns the config lines.</summary>
    public string WriteFiles(string dir)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certFile = Path.Combine(dir, "server.crt");
        var keyFile = Path.Combine(dir, "server.key");
        var passwordFile = Path.Combine(dir, "passwords");
        File.WriteAllText(certFile, cert.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());

        using var passwd = Process.Start(new ProcessStartInfo("mosquitto_passwd", ["-c", "-b", passwordFile, Username, Password])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        passwd.WaitForExit();
        Assert.Equal(0, passwd.ExitCode);

        return $"""
            certfile {certFile}
            keyfile {keyFile}
            allow_anonymous false
            password_file {passwordFile}
            """;
    }
}
