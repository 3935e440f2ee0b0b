namespace EdgePbx.Routing.Model;

/// <summary>
/// An external number (often a mobile) bound to an extension, reached through the trunk; it rings while
/// <paramref name="Schedule"/> is open (always when null).
/// </summary>
public sealed record BoundNumber(string Number, string? Schedule = null);
