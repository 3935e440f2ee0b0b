namespace EdgePbx.Routing.Model;

/// <summary>Exact numbers and number prefixes.</summary>
public sealed record NumberList(IReadOnlyList<string>? Numbers = null, IReadOnlyList<string>? Prefixes = null)
{
    public IReadOnlyList<string> Numbers { get; init; } = Numbers ?? [];
    public IReadOnlyList<string> Prefixes { get; init; } = Prefixes ?? [];

    public bool Contains(string number)
    {
        foreach (var n in Numbers)
        {
            if (string.Equals(n, number, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var p in Prefixes)
        {
            if (number.StartsWith(p, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
