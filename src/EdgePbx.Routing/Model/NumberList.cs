namespace EdgePbx.Routing.Model;

/// <summary>Exact numbers and number prefixes.</summary>
public sealed record NumberList(IReadOnlyList<string>? Numbers = null, IReadOnlyList<string>? Prefixes = null)
{
    public IReadOnlyList<string> Numbers { get; init; } = Numbers ?? [];
    public IReadOnlyList<string> Prefixes { get; init; } = Prefixes ?? [];

    public bool Contains(string number) => Contains(number.AsSpan());

    public bool Contains(ReadOnlySpan<char> number)
    {
        foreach (var n in Numbers)
        {
            if (number.SequenceEqual(n))
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
