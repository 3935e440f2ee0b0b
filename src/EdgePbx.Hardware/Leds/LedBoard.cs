using Microsoft.Extensions.Logging;

namespace EdgePbx.Hardware.Leds;

/// <summary>
/// Every LED of the panel as numbered slots, animated by ONE timer: after each change the timer is
/// set to the earliest next edge of any blinking LED (and stopped when nothing blinks), so there is
/// no thread or timer per LED and no idle ticking.
/// </summary>
internal sealed class LedBoard : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly LedTiming _timing;
    private readonly ILedOutput[] _outputs;
    private readonly ILogger _log;
    private readonly LedPattern[] _told;
    private readonly LedPattern?[] _override;
    private readonly long[] _startedAt;
    private readonly bool[] _lit;
    private readonly ITimer _timer;
    private bool _writeFailed;
    private bool _disposed;

    public LedBoard(int slots, LedTiming timing, IReadOnlyList<ILedOutput> outputs, TimeProvider time, ILogger log)
    {
        _time = time;
        _timing = timing;
        _outputs = [.. outputs];
        _log = log;
        _told = new LedPattern[slots];
        _override = new LedPattern?[slots];
        _startedAt = new long[slots];
        _lit = new bool[slots];
        _timer = time.CreateTimer(static s => ((LedBoard)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            Write();
        }
    }

    /// <summary>Sets the pattern the daemon told; setting the same pattern again keeps its phase.</summary>
    public void Set(int slot, LedPattern pattern)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            LedPattern before = Effective(slot);
            _told[slot] = pattern;
            Changed(slot, before);
        }
    }

    /// <summary>A pattern the panel itself shows over the told one (factory reset pending); null removes it.</summary>
    public void SetOverride(int slot, LedPattern? pattern)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            LedPattern before = Effective(slot);
            _override[slot] = pattern;
            Changed(slot, before);
        }
    }

    /// <summary>Every slot's pattern and level, taken together so a snapshot is one instant.</summary>
    public (LedPattern Pattern, bool Lit)[] ReadAll()
    {
        lock (_gate)
        {
            var all = new (LedPattern, bool)[_lit.Length];
            for (int slot = 0; slot < all.Length; slot++)
            {
                all[slot] = (Effective(slot), _lit[slot]);
            }

            return all;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

    private LedPattern Effective(int slot) => _override[slot] ?? _told[slot];

    private void Changed(int slot, LedPattern before)
    {
        if (Effective(slot) != before)
        {
            _startedAt[slot] = _time.GetTimestamp();
            Refresh();
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                Refresh();
            }
        }
    }

    /// <summary>Recomputes every level from the clock (never from counting ticks, so a late timer cannot drift) and re-arms the timer.</summary>
    private void Refresh()
    {
        long now = _time.GetTimestamp();
        bool changed = false;
        TimeSpan? nextDue = null;
        for (int slot = 0; slot < _lit.Length; slot++)
        {
            LedPattern pattern = Effective(slot);
            TimeSpan since = _time.GetElapsedTime(_startedAt[slot], now);
            bool lit = _timing.IsLit(pattern, since);
            changed |= lit != _lit[slot];
            _lit[slot] = lit;
            if (_timing.NextEdge(pattern, since) is { } edge)
            {
                TimeSpan due = edge - since;
                nextDue = nextDue is null || due < nextDue ? due : nextDue;
            }
        }

        if (changed)
        {
            Write();
        }

        _timer.Change(nextDue ?? Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void Write()
    {
        foreach (var output in _outputs)
        {
            // Runs on the timer thread too: a pin lost at runtime must not take the daemon down,
            // nor stop the other LEDs; it is logged once.
            if (output.Show(_lit) is { } failure && !_writeFailed)
            {
                _writeFailed = true;
                PanelLog.LedWriteFailed(_log, failure);
            }
        }
    }
}
