using System.Globalization;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Registration;

/// <summary>
/// RFC 3261 10.3 REGISTER processing after authentication: add, refresh and remove bindings
/// (including "*"), Expires bounds (423), CSeq ordering per Call-ID, and the 200 listing all
/// current contacts.
/// </summary>
public sealed class Registrar
{
    private readonly RegistrarOptions _options;
    private readonly IBindingStore _store;
    private readonly TimeProvider _time;

    public Registrar(RegistrarOptions options, IBindingStore store, TimeProvider time)
    {
        _options = options;
        _store = store;
        _time = time;
    }

    /// <summary>Address-of-record key of a To URI (RFC 3261 10.3 step 5: scheme, user and host).</summary>
    public static string AddressOfRecord(SipUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.AddressOfRecord;
    }

    /// <summary>Current (unexpired) bindings of an AOR, highest q first.</summary>
    public IReadOnlyList<SipBinding> Lookup(string addressOfRecord)
    {
        var now = _time.GetUtcNow();
        return _store.GetBindings(addressOfRecord).Where(b => b.ExpiresAt > now).OrderByDescending(b => b.Q ?? 1.0).ToList();
    }

    /// <summary>Every current (unexpired) binding of every address-of-record.</summary>
    public IReadOnlyList<SipBinding> Current()
    {
        var now = _time.GetUtcNow();
        return _store.GetAll().Where(b => b.ExpiresAt > now).ToList();
    }

    /// <param name="register">The REGISTER request.</param>
    /// <param name="authenticatedUser">The digest username that authenticated it.</param>
    /// <param name="source">Where it came from, kept with the binding.</param>
    public RegistrarResult Register(SipMessage register, string authenticatedUser, string source)
    {
        ArgumentNullException.ThrowIfNull(register);
        var to = register.To.Uri;
        if (!to.IsSip)
        {
            return Fail(404, "Not Found");
        }

        // 10.3 step 6: the authenticated user must be allowed to register this AOR (its own).
        if (!string.Equals(SipUri.Unescape(to.User ?? string.Empty), authenticatedUser, StringComparison.Ordinal))
        {
            return Fail(403, "Forbidden (not your address-of-record)");
        }

        var aor = AddressOfRecord(to);
        var now = _time.GetUtcNow();
        var expiresHeader = ParseExpires(register.GetHeader(HeaderKind.Expires));
        if (register.IsWildcardContact)
        {
            // 10.3 step 6: "*" only with Expires: 0 and as the only Contact.
            if (expiresHeader != 0 || register.GetHeaderValues(HeaderKind.Contact).Count != 1)
            {
                return Fail(400, "Contact: * needs Expires: 0 and no other contact");
            }

            var removed = false;
            foreach (var b in _store.GetBindings(aor))
            {
                if (b.CallId == register.CallId && b.CSeq >= register.CSeqNumber)
                {
                    continue;
                }

                _store.Remove(aor, b.ContactUri);
                removed = true;
            }

            return Ok(aor, removed);
        }

        var changes = new List<(SipBinding? Upsert, string? Remove)>();
        var changed = false;
        foreach (var contact in register.Contacts)
        {
            var expires = ParseExpires(contact.GetParameter("expires")) ?? expiresHeader ?? _options.DefaultExpires;
            if (expires > 0 && expires < _options.MinExpires)
            {
                return new RegistrarResult(423, "Interval Too Brief",
                    [new("Min-Expires", _options.MinExpires.ToString(CultureInfo.InvariantCulture))]);
            }

            expires = Math.Min(expires, _options.MaxExpires);
            var uri = contact.Uri.Text;
            var existing = _store.GetBindings(aor).FirstOrDefault(b => b.ContactUri == uri);
            // 10.3 step 7: same Call-ID with a CSeq that is not higher is out of order.
            if (existing is not null && existing.CallId == register.CallId && existing.CSeq >= register.CSeqNumber)
            {
                return Fail(500, "Out of order REGISTER");
            }

            if (expires == 0)
            {
                changes.Add((null, uri));
                changed |= existing is not null && existing.ExpiresAt > now;
            }
            else
            {
                var q = double.TryParse(contact.GetParameter("q"), NumberStyles.Float, CultureInfo.InvariantCulture, out var qv) ? qv : (double?)null;
                changes.Add((new SipBinding(aor, uri, register.CallId, register.CSeqNumber, now.AddSeconds(expires), q, source, register.GetHeader(HeaderKind.UserAgent)), null));
                changed |= existing is null || existing.ExpiresAt <= now || existing.Source != source;
            }
        }

        var current = Lookup(aor).Select(b => b.ContactUri).ToHashSet(StringComparer.Ordinal);
        foreach (var (upsert, _) in changes)
        {
            if (upsert is not null)
            {
                current.Add(upsert.ContactUri);
            }
        }

        if (current.Count - changes.Count(c => c.Remove is not null) > _options.MaxContactsPerAor)
        {
            return Fail(403, "Too many contacts");
        }

        foreach (var (upsert, remove) in changes)
        {
            if (upsert is not null)
            {
                _store.Upsert(upsert);
            }
            else
            {
                _store.Remove(aor, remove!);
            }
        }

        return Ok(aor, changed);
    }

    private RegistrarResult Ok(string aor, bool changed)
    {
        var now = _time.GetUtcNow();
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var b in Lookup(aor))
        {
            var left = (int)Math.Ceiling((b.ExpiresAt - now).TotalSeconds);
            headers.Add(new("Contact", string.Create(CultureInfo.InvariantCulture, $"<{b.ContactUri}>;expires={left}")));
        }

        headers.Add(new("Date", now.ToString("r", CultureInfo.InvariantCulture)));
        return new RegistrarResult(200, "OK", headers, changed);
    }

    private static RegistrarResult Fail(int code, string reason) => new(code, reason, []);

    private static int? ParseExpires(string? value) =>
        value is null ? null
        : long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? (int)Math.Min(v, int.MaxValue)
        : null;
}
