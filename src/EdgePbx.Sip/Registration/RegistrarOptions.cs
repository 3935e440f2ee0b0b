namespace EdgePbx.Sip.Registration;

public sealed record RegistrarOptions
{
    /// <summary>Shorter non-zero expiries get 423 Interval Too Brief with this Min-Expires.</summary>
    public int MinExpires { get; init; } = 60;

    /// <summary>Longer expiries are shortened to this.</summary>
    public int MaxExpires { get; init; } = 3600;

    /// <summary>Used when neither the contact nor an Expires header says.</summary>
    public int DefaultExpires { get; init; } = 3600;

    /// <summary>Most contacts one address-of-record may hold.</summary>
    public int MaxContactsPerAor { get; init; } = 10;
}
