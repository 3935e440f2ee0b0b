namespace EdgePbx.Web.Security;

/// <summary>What an installer password must be; the message is shown next to the field.</summary>
public static class PasswordRules
{
    public const int MinimumLength = 10;

    public static string? Problem(string? password, string? confirmation)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            return $"Use at least {MinimumLength} characters.";
        }
        if (password.Length > 256)
        {
            return "Use at most 256 characters.";
        }
        if (password.Distinct().Count() < 4)
        {
            return "Use a password with more different characters.";
        }
        if (password != confirmation)
        {
            return "The two passwords differ.";
        }
        return null;
    }
}
