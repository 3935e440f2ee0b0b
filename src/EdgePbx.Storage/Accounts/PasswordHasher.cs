using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdgePbx.Storage.Accounts;

/// <summary>
/// PBKDF2-HMAC-SHA256 password hashes, stored as "pbkdf2-sha256$iterations$salt$hash" (base64). The iteration
/// count travels with the hash so it can be raised later without breaking existing accounts.
/// </summary>
public sealed class PasswordHasher(int iterations = PasswordHasher.DefaultIterations)
{
    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256; about a second on the box's ARM core, which is fine for a login.</summary>
    public const int DefaultIterations = 600_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public int Iterations { get; } = iterations >= 100_000
        ? iterations
        : throw new ArgumentOutOfRangeException(nameof(iterations), "at least 100000 iterations");

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>True only if <paramref name="password"/> produces <paramref name="stored"/>; a malformed stored value is a plain false.</summary>
    public static bool Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(stored, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        // Constant time: how long the compare takes must not reveal how many leading bytes matched.
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool TryParse(string? stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = [];
        hash = [];
        var parts = stored?.Split('$');
        if (parts is not [Scheme, var count, var saltText, var hashText]
            || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations < 1)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(saltText);
            hash = Convert.FromBase64String(hashText);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length > 0 && hash.Length > 0;
    }
}
