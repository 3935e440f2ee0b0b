using EdgePbx.Sip.Registration;
using EdgePbx.Storage.Registrar;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Adapters;

/// <summary>
/// The registrar's bindings: answered from memory (the SIP worker must not wait on disk), written
/// behind to SQLite so desk phones stay reachable across a restart, and reloaded at start.
/// Writes are coalesced: every <see cref="FlushInterval"/> the latest state of each binding that changed
/// goes to the database in one transaction (one fsync), however many times its phone refreshed in
/// between. A power cut loses at most the last interval's changes (those phones re-register on their
/// own refresh); a clean stop flushes everything.
/// </summary>
public sealed partial class PersistentBindingStore : IBindingStore, IAsyncDisposable
{
    /// <summary>One second: a registration storm costs one commit a second, and a crash forgets at most one second of refreshes.</summary>
    public static readonly TimeSpan DefaultFlushInterval = TimeSpan.FromSeconds(1);

    private readonly InMemoryBindingStore _memory = new();
    private readonly BindingStore _storage;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private readonly ITimer _timer;
    private Dictionary<(string Aor, string Contact), BindingChange> _dirty = [];
    private bool _disposed;

    public PersistentBindingStore(BindingStore storage, TimeProvider time, TimeSpan flushInterval, ILogger<PersistentBindingStore> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(flushInterval, TimeSpan.Zero);
        _storage = storage;
        _logger = logger;
        FlushInterval = flushInterval;
        foreach (var stored in storage.LoadActive())
        {
            _memory.Upsert(new SipBinding(stored.Aor, stored.Contact, stored.CallId, stored.CSeq, stored.Expires, null, stored.Source, stored.UserAgent));
        }

        _timer = time.CreateTimer(static s => ((PersistentBindingStore)s!).OnTimer(), this, flushInterval, flushInterval);
    }

    public TimeSpan FlushInterval { get; }

    /// <summary>The flush the timer started last (tests await it after advancing the clock).</summary>
    public Task LastFlush { get; private set; } = Task.CompletedTask;

    /// <summary>Bindings changed in memory and not yet written.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _dirty.Count;
            }
        }
    }

    public IReadOnlyList<SipBinding> GetBindings(string addressOfRecord) => _memory.GetBindings(addressOfRecord);

    public IReadOnlyList<SipBinding> GetAll() => _memory.GetAll();

    public void Upsert(SipBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var stored = new StoredBinding(binding.AddressOfRecord, binding.ContactUri, binding.CallId, binding.CSeq, binding.ExpiresAt, binding.UserAgent ?? "", binding.Source);
        // Memory and the pending change move together, so a racing Remove cannot leave them disagreeing.
        lock (_gate)
        {
            _memory.Upsert(binding);
            _dirty[(binding.AddressOfRecord, binding.ContactUri)] = new BindingChange(binding.AddressOfRecord, binding.ContactUri, stored);
        }
    }

    public void Remove(string addressOfRecord, string contactUri)
    {
        lock (_gate)
        {
            _memory.Remove(addressOfRecord, contactUri);
            _dirty[(addressOfRecord, contactUri)] = new BindingChange(addressOfRecord, contactUri, null);
        }
    }

    /// <summary>Writes every pending change in one transaction; a failed write (disk full) is logged and retried on the next flush.</summary>
    public async Task FlushAsync()
    {
        await _flushGate.WaitAsync().ConfigureAwait(false);
        try
        {
            Dictionary<(string, string), BindingChange> batch;
            lock (_gate)
            {
                if (_dirty.Count == 0)
                {
                    return;
                }

                batch = _dirty;
                _dirty = [];
            }

            try
            {
                await _storage.ApplyAsync([.. batch.Values]).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A failed write (disk full) is logged; the bindings still work from memory and are retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogWriteFailed(_logger, batch.Count, ex.Message);
                lock (_gate)
                {
                    // Keep what changed since: only changes not superseded go back in the queue.
                    foreach (var (key, change) in batch)
                    {
                        _dirty.TryAdd(key, change);
                    }
                }
            }
        }
        finally
        {
            _flushGate.Release();
        }
    }

    /// <summary>Stops the timer and writes what is pending (bounded by the host's shutdown timeout).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _timer.DisposeAsync().ConfigureAwait(false);
        await LastFlush.ConfigureAwait(false);
        await FlushAsync().ConfigureAwait(false);
        _flushGate.Dispose();
    }

    private void OnTimer()
    {
        if (LastFlush.IsCompleted && PendingCount > 0)
        {
            LastFlush = FlushAsync();
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Could not persist {Count} registrar binding changes (will retry): {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, int count, string reason);
}
