namespace EdgePbx.Media.Sdp;

/// <summary>
/// The space-separated fields of a line value (o=, c=, m=). Runs of spaces count as one separator and other
/// whitespace belongs to the field, exactly as <c>Split(' ', RemoveEmptyEntries)</c> read them before.
/// </summary>
internal ref struct SdpFields(ReadOnlySpan<char> value)
{
    private ReadOnlySpan<char> _rest = value;

    public bool TryNext(out ReadOnlySpan<char> field)
    {
        _rest = _rest.TrimStart(' ');
        if (_rest.IsEmpty)
        {
            field = default;
            return false;
        }

        var space = _rest.IndexOf(' ');
        if (space < 0)
        {
            field = _rest;
            _rest = default;
        }
        else
        {
            field = _rest[..space];
            _rest = _rest[(space + 1)..];
        }

        return true;
    }

    /// <summary>How many fields are left, without consuming them (to size the m= formats array exactly).</summary>
    public readonly int CountRemaining()
    {
        var copy = this;
        var count = 0;
        while (copy.TryNext(out _))
        {
            count++;
        }

        return count;
    }
}
