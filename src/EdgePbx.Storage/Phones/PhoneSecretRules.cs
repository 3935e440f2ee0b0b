namespace EdgePbx.Storage.Phones;

/// <summary>What an extension number, SIP password and voicemail PIN must look like; each message names the problem for the form.</summary>
public static class PhoneSecretRules
{
    public const int MinSipPasswordLength = 8;
    public const int MaxSipPasswordLength = 64;
    public const int MinPinLength = 4;
    public const int MaxPinLength = 12;

    /// <summary>Extensions are the plan's extension numbers: 1 to 16 digits.</summary>
    public static string? ExtensionProblem(string? extension) =>
        string.IsNullOrEmpty(extension) || extension.Length > 16 || !extension.All(char.IsAsciiDigit)
            ? "an extension is 1 to 16 digits"
            : null;

    /// <summary>
    /// Printable ASCII only: desk phones' keypads and web pages disagree about everything else, and the
    /// digest (RFC 3261 22.4, RFC 2617 MD5 over the UTF-8 bytes) would silently differ between them.
    /// </summary>
    public static string? SipPasswordProblem(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length is < MinSipPasswordLength or > MaxSipPasswordLength)
        {
            return $"a SIP password has {MinSipPasswordLength} to {MaxSipPasswordLength} characters";
        }

        if (!password.All(c => c is > ' ' and < '\u007f'))
        {
            return "a SIP password uses printable ASCII characters without spaces";
        }

        return password.Distinct().Count() < 4 ? "a SIP password needs at least 4 different characters" : null;
    }

    public static string? PinProblem(string pin)
    {
        ArgumentNullException.ThrowIfNull(pin);
        return pin.Length is < MinPinLength or > MaxPinLength || !pin.All(char.IsAsciiDigit)
            ? $"a voicemail PIN is {MinPinLength} to {MaxPinLength} digits"
            : null;
    }
}
