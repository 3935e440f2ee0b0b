namespace EdgePbx.Storage.Registrar;

/// <summary>One pending change of a binding row: the latest state to store, or a removal when <see cref="Binding"/> is null.</summary>
public sealed record BindingChange(string Aor, string Contact, StoredBinding? Binding);
