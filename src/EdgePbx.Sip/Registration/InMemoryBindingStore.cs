using System.Collections.Concurrent;

namespace EdgePbx.Sip.Registration;

/// <summary>Bindings held in memory.</summary>
public sealed class InMemoryBindingStore : IBindingStore
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, SipBinding>> _byAor = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<SipBinding> GetBindings(string addressOfRecord) =>
        _byAor.TryGetValue(addressOfRecord, out var contacts) ? contacts.Values.ToList() : [];

    public IReadOnlyList<SipBinding> GetAll() => _byAor.Values.SelectMany(contacts => contacts.Values).ToList();

    public void Upsert(SipBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        _byAor.GetOrAdd(binding.AddressOfRecord, _ => new(StringComparer.Ordinal))[binding.ContactUri] = binding;
    }

    public void Remove(string addressOfRecord, string contactUri)
    {
        if (_byAor.TryGetValue(addressOfRecord, out var contacts))
        {
            contacts.TryRemove(contactUri, out _);
        }
    }
}
