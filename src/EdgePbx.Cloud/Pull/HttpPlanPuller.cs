using System.Net;
using System.Net.Http.Headers;
using EdgePbx.Cloud.Apply;
using EdgePbx.Cloud.Envelope;
using EdgePbx.Cloud.Logging;
using EdgePbx.Cloud.Status;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgePbx.Cloud.Pull;

/// <summary>
/// The pull path for boxes whose network blocks MQTT, or as a safety net beside it: a periodic GET of
/// the envelope URL with <c>If-None-Match</c>, so an unchanged plan costs one 304. The
/// <see cref="HttpClient"/> is injected (TLS, proxy and timeouts are the host's business).
/// </summary>
public sealed class HttpPlanPuller(
    HttpClient http,
    Uri url,
    PlanApplier applier,
    StatusReportBuilder status,
    IStatusPublisher? statusPublisher,
    TimeProvider timeProvider,
    ILogger<HttpPlanPuller>? logger = null)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private EntityTagHeaderValue? _etag;
    private PullResult? _last;

    /// <summary>The ETag of the last envelope taken in, sent as <c>If-None-Match</c> next time.</summary>
    public string? ETag => _etag?.ToString();

    /// <summary>What the latest pull came to (null before the first): the front panel's cloud LED follows it.</summary>
    public PullResult? LastResult => Volatile.Read(ref _last);

    /// <summary>Pulls every <paramref name="interval"/> until cancelled; failures are logged and retried next round.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PullOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Offline-first: one bad round (e.g. the store unreadable) must not stop later pulls.
                _logger.PullFailed(url, e.Message);
            }

            try
            {
                await Task.Delay(interval, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task<PullResult> PullOnceAsync(CancellationToken cancellationToken)
    {
        var result = await PullAndApplyAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _last, result);
        return result;
    }

    private async Task<PullResult> PullAndApplyAsync(CancellationToken cancellationToken)
    {
        var fetched = await FetchAsync(cancellationToken).ConfigureAwait(false);
        if (fetched.Result is { } done)
        {
            return done;
        }

        var outcome = await applier.ApplyAsync(fetched.Body, url.ToString(), cancellationToken).ConfigureAwait(false);

        // A store failure is worth retrying with the same body; anything else is settled for this ETag.
        var storeFailed = outcome.Reasons.Any(r => r.Code == RejectionCode.StoreFailed);
        if (!storeFailed)
        {
            _etag = fetched.ETag;
        }

        if (outcome.Kind != ApplyOutcomeKind.AlreadyApplied && statusPublisher is not null)
        {
            var state = await applier.GetStateAsync(cancellationToken).ConfigureAwait(false);
            await statusPublisher.PublishAsync(status.ForOutcome(outcome, state), cancellationToken).ConfigureAwait(false);
        }

        return PullResult.Received(outcome);
    }

    private async Task<(PullResult? Result, byte[] Body, EntityTagHeaderValue? ETag)> FetchAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (_etag is not null)
        {
            request.Headers.IfNoneMatch.Add(_etag);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                _logger.PullNotModified(url);
                return (PullResult.NotModified, [], null);
            }

            if (!response.IsSuccessStatusCode)
            {
                return Fail($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var body = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
            return body is null
                ? Fail($"body larger than {EnvelopeCodec.MaxEnvelopeBytes} bytes")
                : (null, body, response.Headers.ETag);
        }
        catch (Exception e) when (e is HttpRequestException or IOException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Unreachable cloud is normal for an offline-first box (a TaskCanceledException here is HttpClient's timeout).
            return Fail(e.Message);
        }
    }

    private (PullResult?, byte[], EntityTagHeaderValue?) Fail(string error)
    {
        _logger.PullFailed(url, error);
        return (PullResult.Failed(error), [], null);
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > EnvelopeCodec.MaxEnvelopeBytes)
        {
            return null;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > EnvelopeCodec.MaxEnvelopeBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }
}
