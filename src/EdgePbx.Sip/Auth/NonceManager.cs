using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace EdgePbx.Sip.Auth;

/// <summary>
/// Issues self-validating nonces (issue time + random + HMAC under a per-process key) and checks
/// them: expiry from the injected TimeProvider, replay by requiring a rising nonce-count.
/// </summary>
public sealed class NonceManager
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    // Made on the first challenge, not at construction: the key is the only thing that needs OpenSSL before a
    // phone or the trunk speaks, and loading libcrypto at start-up costs the idle daemon 3.6 MiB of resident pages.
    private byte[]? _key;
    private readonly ConcurrentDictionary<string, (long Count, DateTimeOffset Expires)> _counts = new(StringComparer.Ordinal);
    private long _nextPruneTicks;

    public NonceManager(TimeProvider time, TimeSpan lifetime)
    {
        _time = time;
        _lifetime = lifetime;
    }

    // Concurrent first challenges may each draw a key; CompareExchange keeps one, and every nonce uses the one kept.
    private byte[] Key => LazyInitializer.EnsureInitialized(ref _key, static () => RandomNumberGenerator.GetBytes(32));

    public string Issue()
    {
        Span<byte> raw = stackalloc byte[32];
        BinaryPrimitives.WriteInt64BigEndian(raw, _time.GetUtcNow().ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(raw.Slice(8, 8));
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(Key, raw[..16], mac);
        mac[..16].CopyTo(raw[16..]);
        return Convert.ToBase64String(raw).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Checks a nonce and, with qop, that <paramref name="nonceCount"/> (hex) rose since last use.</summary>
    public NonceStatus Check(string nonce, string? nonceCount)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        Span<byte> raw = stackalloc byte[32];
        var b64 = nonce.Replace('-', '+').Replace('_', '/') + "=";
        if (!Convert.TryFromBase64String(b64, raw, out var written) || written != 32)
        {
            return NonceStatus.Invalid;
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(Key, raw[..16], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..16], raw[16..]))
        {
            return NonceStatus.Invalid;
        }

        var now = _time.GetUtcNow();
        var issued = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(raw));
        if (now - issued > _lifetime)
        {
            _counts.TryRemove(nonce, out _);
            return NonceStatus.Stale;
        }

        Prune(now);
        if (nonceCount is null)
        {
            return NonceStatus.Valid;
        }

        if (!long.TryParse(nonceCount, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var nc))
        {
            return NonceStatus.Invalid;
        }

        var expires = issued + _lifetime;
        var accepted = false;
        _counts.AddOrUpdate(
            nonce,
            _ =>
            {
                accepted = true;
                return (nc, expires);
            },
            (_, old) =>
            {
                accepted = nc > old.Count;
                return accepted ? (nc, expires) : old;
            });
        return accepted ? NonceStatus.Valid : NonceStatus.Invalid;
    }

    /// <summary>Nonce-counts being tracked (one per nonce used with qop and not yet expired).</summary>
    public int TrackedCount => _counts.Count;

    private void Prune(DateTimeOffset now)
    {
        // A sweep walks every tracked nonce: at most one per second, or a registration storm (thousands of
        // fresh nonces a second) would make each check walk all the others.
        var ticks = now.UtcTicks;
        var next = Interlocked.Read(ref _nextPruneTicks);
        if (_counts.Count < 1024 || ticks < next || Interlocked.CompareExchange(ref _nextPruneTicks, ticks + TimeSpan.TicksPerSecond, next) != next)
        {
            return;
        }

        foreach (var (nonce, entry) in _counts)
        {
            if (entry.Expires < now)
            {
                _counts.TryRemove(nonce, out _);
            }
        }
    }
}
