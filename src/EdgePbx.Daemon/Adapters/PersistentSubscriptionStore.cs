using System.Threading.Channels;
using EdgePbx.Sip.Subscriptions;
using EdgePbx.Storage.Subscriptions;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Adapters;

/// <summary>
/// The notifier's subscriptions, written behind to SQLite (the notifier calls under its lock and must not wait on
/// disk) so that desk phones' message-waiting subscriptions are served again after a restart or a power cut.
/// </summary>
public sealed partial class PersistentSubscriptionStore : ISubscriptionStore, IAsyncDisposable
{
    private readonly SubscriptionStore _storage;
    private readonly ILogger _logger;
    private readonly Channel<Func<Task>> _writes = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public PersistentSubscriptionStore(SubscriptionStore storage, ILogger<PersistentSubscriptionStore> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
        _logger = logger;
        _writer = Task.Run(WriteBehindAsync);
    }

    public void Save(SubscriptionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var s = snapshot;
        var stored = new StoredSubscription(s.CallId, s.LocalTag, s.RemoteTag, s.EventHeader, s.Package, s.Resource, s.Subscriber,
            s.LocalUri, s.RemoteUri, s.RemoteTarget, s.RouteSet, s.LocalSeq, s.RemoteSeq, s.PeerEndPoint, s.ExpiresAt);
        _writes.Writer.TryWrite(() => _storage.SaveAsync(stored));
    }

    public void Remove(string callId, string localTag, string remoteTag, string eventHeader) =>
        _writes.Writer.TryWrite(() => _storage.RemoveAsync(callId, localTag, remoteTag, eventHeader));

    public IReadOnlyList<SubscriptionSnapshot> Load() =>
        [.. _storage.LoadAll().Select(s => new SubscriptionSnapshot(s.Package, s.EventHeader, s.Resource, s.Subscriber, s.CallId, s.LocalTag, s.RemoteTag,
            s.LocalUri, s.RemoteUri, s.RemoteTarget, s.RouteSet, s.LocalSeq, s.RemoteSeq, s.Peer, s.ExpiresAt))];

    /// <summary>Finishes the pending writes (bounded by the caller's shutdown timeout).</summary>
    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteBehindAsync()
    {
        await foreach (var write in _writes.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await write().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A failed write (disk full) is logged; the subscription still works from memory.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogWriteFailed(_logger, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Could not persist a message-waiting subscription: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, string reason);
}
