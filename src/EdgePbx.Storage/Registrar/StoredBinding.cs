namespace EdgePbx.Storage.Registrar;

/// <summary>A desk phone's registration as persisted (RFC 3261 10.3: AOR, contact, Call-ID, CSeq, expiry), so phones stay reachable across a restart.</summary>
public sealed record StoredBinding(string Aor, string Contact, string CallId, long CSeq, DateTimeOffset Expires, string UserAgent, string Source);
