namespace EdgePbx.Routing.Model;

/// <summary>
/// Black and white lists. A whitelisted caller is never refused by the blacklist, a blocked region or
/// the frequency limit (capacity and cost limits still apply). With <paramref name="WhitelistOnly"/>
/// every caller not on the whitelist is refused.
/// </summary>
public sealed record CallLists(NumberList? Blacklist = null, NumberList? Whitelist = null, bool WhitelistOnly = false)
{
    public NumberList Blacklist { get; init; } = Blacklist ?? new();
    public NumberList Whitelist { get; init; } = Whitelist ?? new();
}
