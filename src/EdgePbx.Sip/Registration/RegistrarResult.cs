namespace EdgePbx.Sip.Registration;

/// <summary>
/// What the registrar answers: status, reason and the extra headers of the response.
/// <paramref name="ContactsChanged"/>: a contact was bound anew (or from another address) or removed; false for a
/// plain refresh, which is what nearly every REGISTER is.
/// </summary>
public sealed record RegistrarResult(int StatusCode, string ReasonPhrase, IReadOnlyList<KeyValuePair<string, string>> Headers, bool ContactsChanged = false);
