using EdgePbx.Storage.Registrar;

namespace EdgePbx.Web.Status;

/// <summary>The default status source: registered phones from the persisted registrar bindings; the rest unknown.</summary>
public sealed class StoredPbxStatus(BindingStore bindings) : IPbxStatusSource
{
    public PbxStatus Current()
    {
        var phones = bindings.LoadActive().Select(b => b.Aor).Distinct(StringComparer.Ordinal).Count();
        return new PbxStatus(null, phones, null, [], null);
    }
}
