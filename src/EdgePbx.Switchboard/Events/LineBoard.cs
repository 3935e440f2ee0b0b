namespace EdgePbx.Switchboard.Events;

/// <summary>
/// Per extension: how many legs ring it and how many calls it is up in. A member is busy while it is up
/// in a call. Changes of the derived <see cref="LineState"/> are published as <see cref="LineChanged"/>.
/// </summary>
public sealed class LineBoard(EngineEvents events, TimeProvider time)
{
    private readonly Dictionary<string, (int Ringing, int Up)> _lines = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void RingStarted(string extension) => Change(extension, 1, 0);

    public void RingStopped(string extension) => Change(extension, -1, 0);

    /// <summary>A ringing leg was answered: one less ringing, one more up.</summary>
    public void Answered(string extension) => Change(extension, -1, 1);

    public void HungUp(string extension) => Change(extension, 0, -1);

    /// <summary>The extension placed a call: its line is up until <see cref="HungUp"/>.</summary>
    public void InCall(string extension) => Change(extension, 0, 1);

    public LineState StateOf(string extension)
    {
        lock (_gate)
        {
            return _lines.TryGetValue(extension, out var l) ? Derive(l) : LineState.Idle;
        }
    }

    /// <summary>Extensions up in a call, as hunt member targets ("ext:101").</summary>
    public IReadOnlySet<string> BusyMembers()
    {
        lock (_gate)
        {
            var busy = new HashSet<string>(_lines.Count, StringComparer.Ordinal);
            foreach (var (extension, line) in _lines)
            {
                if (line.Up > 0)
                {
                    busy.Add("ext:" + extension);
                }
            }

            return busy;
        }
    }

    public IReadOnlyDictionary<string, LineState> Snapshot()
    {
        lock (_gate)
        {
            return _lines.ToDictionary(kv => kv.Key, kv => Derive(kv.Value), StringComparer.Ordinal);
        }
    }

    private void Change(string extension, int ringing, int up)
    {
        // Published under the lock (Publish never blocks) so a line's events keep their order.
        lock (_gate)
        {
            var old = _lines.TryGetValue(extension, out var l) ? l : (0, 0);
            var now = (Ringing: Math.Max(0, old.Item1 + ringing), Up: Math.Max(0, old.Item2 + up));
            var before = Derive(old);
            var after = Derive(now);
            if (now.Ringing == 0 && now.Up == 0)
            {
                _lines.Remove(extension);
            }
            else
            {
                _lines[extension] = now;
            }

            if (before != after)
            {
                events.Publish(new LineChanged(time.GetUtcNow(), extension, after));
            }
        }
    }

    private static LineState Derive((int Ringing, int Up) l) => l.Up > 0 ? LineState.Up : l.Ringing > 0 ? LineState.Ringing : LineState.Idle;
}
