namespace EdgePbx.Storage.Phones;

/// <summary>
/// What may be shown about an extension's phone account: whether each secret is set, and when it last
/// changed. The secrets themselves are never part of this record, so a listing can go anywhere.
/// </summary>
public sealed record PhoneAccount(string Extension, bool HasSipPassword, bool HasVoicemailPin, DateTimeOffset Updated);
