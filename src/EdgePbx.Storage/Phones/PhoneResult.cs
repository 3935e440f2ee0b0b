namespace EdgePbx.Storage.Phones;

/// <summary>Success, or the field that was refused and why (nothing changed). <see cref="Field"/> is "extension", "sipPassword" or "voicemailPin".</summary>
public readonly record struct PhoneResult(string? Field, string? Error)
{
    public bool Succeeded => Error is null;

    public static PhoneResult Ok => new(null, null);

    public static PhoneResult Refused(string field, string error) => new(field, error);
}
