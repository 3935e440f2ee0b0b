namespace EdgePbx.Routing.Model;

/// <summary>A local time range "HH:mm"–"HH:mm" within one date.</summary>
public sealed record TimeRange(string From, string To);
