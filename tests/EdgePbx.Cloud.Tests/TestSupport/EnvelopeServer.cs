using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace EdgePbx.Cloud.Tests.TestSupport;

/// <summary>A real HTTP server on loopback serving one envelope with an ETag, answering 304 on a match.</summary>
internal sealed class EnvelopeServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private volatile Response _response = new(200, [], null);

    public EnvelopeServer()
    {
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/plans/box-1.json");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>The If-None-Match header of each request, in order (null when absent).</summary>
    public ConcurrentQueue<string?> IfNoneMatch { get; } = new();

    public void Serve(byte[] body, string etag) => _response = new Response(200, body, etag);

    public void Fail(int status) => _response = new Response(status, [], null);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var response = _response;
            var conditional = context.Request.Headers["If-None-Match"];
            IfNoneMatch.Enqueue(conditional);
            if (response.ETag is not null && conditional == response.ETag)
            {
                context.Response.StatusCode = 304;
            }
            else
            {
                context.Response.StatusCode = response.Status;
                if (response.ETag is not null)
                {
                    context.Response.Headers["ETag"] = response.ETag;
                }

                await context.Response.OutputStream.WriteAsync(response.Body);
            }

            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Response(int Status, byte[] Body, string? ETag);
}
