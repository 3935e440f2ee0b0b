namespace EdgePbx.Sip.Registration;

/// <summary>
/// Where registrar bindings live. The storage layer implements it so bindings survive a restart;
/// <see cref="InMemoryBindingStore"/> serves tests. Called on the SIP worker: keep it quick.
/// </summary>
public interface IBindingStore
{
    /// <summary>All bindings of an address-of-record, expired ones included (the registrar filters).</summary>
    IReadOnlyList<SipBinding> GetBindings(string addressOfRecord);

    /// <summary>Every binding of every address-of-record, expired ones included (OPTIONS qualify walks them).</summary>
    IReadOnlyList<SipBinding> GetAll();

    /// <summary>Adds or replaces the binding with the same AOR and contact URI.</summary>
    void Upsert(SipBinding binding);

    void Remove(string addressOfRecord, string contactUri);
}
