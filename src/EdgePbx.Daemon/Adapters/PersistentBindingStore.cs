using System.Threading.Channels;
using EdgePbx.Sip.Registration;
using EdgePbx.Storage.Registrar;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Adapters;

/// <summary>
/// The registrar's bindings: answered from memory (the SIP worker must not wait on disk), written
/// behind to SQLite so desk phones stay reachable across a restart, and reloaded at start.
/// </summary>
public sealed partial class PersistentBindingStore : IBindingStore, IAsyncDisposable
{
    private readonly InMemoryBindingStore _memory = new();
    private readonly BindingStore _storage;
    private readonly ILogger _logger;
    private readonly Channel<Func<Task>> _writes = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public PersistentBindingStore(BindingStore storage, ILogger<PersistentBindingStore> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
        _logger = logger;
        foreach (var stored in storage.LoadActive())
        {
            _memory.Upsert(new SipBinding(stored.Aor, stored.Contact, stored.CallId, stored.CSeq, stored.Expires, null, stored.Source, stored.UserAgent));
        }

        _writer = Task.Run(WriteBehindAsync);
    }

    public IReadOnlyList<SipBinding> GetBindings(string addressOfRecord) => _memory.GetBindings(addressOfRecord);

    public IReadOnlyList<SipBinding> GetAll() => _memory.GetAll();

    public void Upsert(SipBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        _memory.Upsert(binding);
        var stored = new StoredBinding(binding.AddressOfRecord, binding.ContactUri, binding.CallId, binding.CSeq, binding.ExpiresAt, binding.UserAgent ?? "", binding.Source);
        _writes.Writer.TryWrite(() => _storage.SaveAsync(stored));
    }

    public void Remove(string addressOfRecord, string contactUri)
    {
        _memory.Remove(addressOfRecord, contactUri);
        _writes.Writer.TryWrite(() => _storage.RemoveAsync(addressOfRecord, contactUri));
    }

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
#pragma warning disable CA1031 // A failed write (disk full) is logged; the binding still works from memory.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogWriteFailed(_logger, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Could not persist a registrar binding: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, string reason);
}
