namespace EdgePbx.Media.Prompts;

/// <summary>
/// Prompts played back to back, one 20 ms frame per media clock tick (each item's last frame padded with
/// silence, as <see cref="PromptPlayer"/> does). With barge-in on, <see cref="Interrupt"/> (called when the
/// caller keys a digit, by RFC 4733, SIP INFO or in-band detection) ends the whole list at once; with it off
/// (a notice the caller must hear) the list plays on.
/// </summary>
public sealed class PromptPlaylist
{
    private readonly PromptAudio[] _items;
    private int _index;
    private PromptPlayer? _current;
    private bool _stopped;

    public PromptPlaylist(IEnumerable<PromptAudio> items, bool bargeIn)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
        BargeIn = bargeIn;
    }

    public bool BargeIn { get; }

    /// <summary>True once every item has played or the list was interrupted.</summary>
    public bool Finished => _stopped || (_index >= _items.Length && (_current?.Finished ?? true));

    /// <summary>Frames in the whole list (each item rounded up to whole frames).</summary>
    public int FrameCount => _items.Sum(i => i.FrameCount);

    /// <summary>
    /// Builds the list from prompt names (e.g. <see cref="SayNumbers"/>) through <paramref name="lookup"/>;
    /// names it cannot find are left out and returned in <paramref name="missing"/>, so a caller hears the rest.
    /// </summary>
    public static PromptPlaylist FromNames(IEnumerable<string> names, Func<string, PromptAudio?> lookup, bool bargeIn, out IReadOnlyList<string> missing)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(lookup);
        var found = new List<PromptAudio>();
        var absent = new List<string>();
        foreach (var name in names)
        {
            if (lookup(name) is { } audio)
            {
                found.Add(audio);
            }
            else
            {
                absent.Add(name);
            }
        }

        missing = absent;
        return new PromptPlaylist(found, bargeIn);
    }

    /// <summary>Barge-in: stops the list when it allows it; true when playback stopped.</summary>
    public bool Interrupt()
    {
        if (BargeIn)
        {
            _stopped = true;
        }

        return _stopped;
    }

    /// <summary>Writes the next 160-byte frame; false once the list is over or interrupted.</summary>
    public bool NextFrame(Span<byte> frame)
    {
        while (!_stopped)
        {
            if (_current is not null && _current.NextFrame(frame))
            {
                return true;
            }

            if (_index >= _items.Length)
            {
                return false;
            }

            _current = new PromptPlayer(_items[_index++]);
        }

        return false;
    }
}
