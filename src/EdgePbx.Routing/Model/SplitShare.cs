namespace EdgePbx.Routing.Model;

/// <summary>One branch of a percentage split.</summary>
public sealed record SplitShare(string Target, int Percent);
