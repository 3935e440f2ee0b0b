using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Cloud.Tests.TestSupport;

/// <summary>
/// A real Kestrel HTTPS server on a free loopback port, with a certificate of its own made for the test,
/// serving one envelope with an ETag and answering 304 when <c>If-None-Match</c> matches it.
/// </summary>
internal sealed class EnvelopeServer : IDisposable
{
    private readonly WebApplication _app;
    private volatile Response _response = new(200, [], null);

    public EnvelopeServer()
    {
        Certificate = MakeCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(Certificate)));
        _app = builder.Build();
        _app.MapGet("/plans/box-1.json", (HttpContext context) => Handle(context));
        _app.StartAsync().GetAwaiter().GetResult();
        var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        Url = new Uri($"https://127.0.0.1:{address.Port}/plans/box-1.json");
    }

    public Uri Url { get; }

    /// <summary>The server's self-signed certificate (CN and IP SAN 127.0.0.1).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The If-None-Match header of each request, in order (null when absent).</summary>
    public ConcurrentQueue<string?> IfNoneMatch { get; } = new();

    public void Serve(byte[] body, string etag) => _response = new Response(200, body, etag);

    public void Fail(int status) => _response = new Response(status, [], null);

    /// <summary>A client that trusts this server's certificate as its only root (as a box given the cloud's CA would).</summary>
    public HttpClient CreateTrustingClient()
    {
        var trusted = X509CertificateLoader.LoadCertificate(Certificate.RawData);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { trusted },
                    RevocationMode = X509RevocationMode.NoCheck,
                },
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
    }

    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Certificate.Dispose();
    }

    private async Task Handle(HttpContext context)
    {
        var response = _response;
        string? conditional = context.Request.Headers.IfNoneMatch.Count > 0 ? context.Request.Headers.IfNoneMatch.ToString() : null;
        IfNoneMatch.Enqueue(conditional);
        if (response.ETag is not null && conditional == response.ETag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            context.Response.Headers.ETag = response.ETag;
            return;
        }

        context.Response.StatusCode = response.Status;
        if (response.ETag is not null)
        {
            context.Response.Headers.ETag = response.ETag;
        }

        await context.Response.Body.WriteAsync(response.Body);
    }

    private static X509Certificate2 MakeCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }

    private sealed record Response(int Status, byte[] Body, string? ETag);
}
