using System.Security.Cryptography;

namespace EdgePbx.Cloud.Signing;

/// <summary>
/// The cloud's public keys this box trusts, by key id, from settings (PEM "PUBLIC KEY"). Held as
/// parameters, not live <see cref="ECDsa"/> objects, so verification can run on any thread and
/// nothing needs disposing.
/// </summary>
public sealed class TrustedKeys
{
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private readonly Dictionary<string, ECParameters> _keys;

    private TrustedKeys(Dictionary<string, ECParameters> keys) => _keys = keys;

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>Loads every key it can; each key that is not a P-256 public key PEM is named in the errors.</summary>
    public static TrustedKeys Load(IReadOnlyDictionary<string, string> pemByKeyId, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(pemByKeyId);
        var keys = new Dictionary<string, ECParameters>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (keyId, pem) in pemByKeyId)
        {
            var parameters = TryReadPublicKey(pem, out var problem);
            if (parameters is { } p)
            {
                keys[keyId] = p;
            }
            else
            {
                problems.Add($"trusted key '{keyId}': {problem}");
            }
        }

        errors = problems;
        return new TrustedKeys(keys);
    }

    /// <summary>Creates a verifier for the key, or null when the key id is not trusted. The caller disposes it.</summary>
    public ECDsa? CreateVerifier(string keyId) =>
        _keys.TryGetValue(keyId, out var parameters) ? ECDsa.Create(parameters) : null;

    internal static ECParameters? TryReadPublicKey(string pem, out string problem)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            // ImportFromPem has no Try form; settings are outside input, so this is an expected failure.
            problem = $"not an EC PEM key ({e.Message})";
            return null;
        }

        var parameters = key.ExportParameters(includePrivateParameters: false);
        if (parameters.Curve.Oid?.Value != P256Oid)
        {
            problem = $"curve is {parameters.Curve.Oid?.FriendlyName ?? "unknown"}, expected P-256";
            return null;
        }

        problem = "";
        return parameters;
    }
}
