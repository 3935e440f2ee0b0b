using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace EdgePbx.Sip.Threading;

/// <summary>
/// A hierarchical timing wheel (Varghese and Lauck; the shape of the Linux kernel's classic timer wheel) counted
/// in whole ticks, with no clock or thread of its own: <see cref="TimerThread"/> keeps its timers in one, under
/// its lock. Adding and removing an entry are O(1) (each entry is a node of its slot's doubly linked list), so a
/// cancelled timer leaves nothing behind; taking the due ones costs O(1) each, plus at most one move a level
/// on the way down.
/// Levels: 256 slots of one tick, then four levels of 64 slots, each slot as wide as the level below
/// (256, 16,384, 1,048,576 and 67,108,864 ticks): 2^32 ticks in all (49.7 days of 1 ms). An entry goes in the
/// lowest level whose span reaches it; when the level below comes round to a slot's start, the slot's entries
/// move down by their own tick ("cascade"), so every entry comes out at its exact tick, near or far. Entries
/// beyond the top level wait in its last slot and are placed again each time it comes round.
/// A bit per slot tells the next occupied slot of every level in a few instructions, so the owner sleeps until
/// the next tick at which something is due or must cascade, not tick by tick.
/// </summary>
internal sealed class TimingWheel
{
    private const int FirstLevelBits = 8;
    private const int LevelBits = 6;
    private const int Levels = 5;
    private const int FirstLevelSlots = 1 << FirstLevelBits;
    private const int LevelSlots = 1 << LevelBits;
    private const int SlotMask = LevelSlots - 1;

    /// <summary>Ticks the top level reaches; an entry farther off waits in its last slot.</summary>
    private const long Span = 1L << (FirstLevelBits + ((Levels - 1) * LevelBits));

    // Slot heads: the first level's 256 slots, then 64 a level. One bit per slot in _occupied, in the same order
    // (the first level is words 0-3, level n >= 1 is word 3 + n).
    private readonly Entry?[] _slots = new Entry?[FirstLevelSlots + ((Levels - 1) * LevelSlots)];
    private readonly ulong[] _occupied = new ulong[(FirstLevelSlots / 64) + Levels - 1];

    // Entries have ticks at or after it; its first-level slot holds the entries of this very tick.
    private long _current;

    public TimingWheel(long startTick) => _current = startTick;

    public int Count { get; private set; }

    /// <summary>The tick the wheel stands at: nothing in it is due before, and an entry added for an earlier tick is due at it.</summary>
    public long Current => _current;

    public void Add(Entry entry, long tick)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Slot >= 0)
        {
            throw new InvalidOperationException("The entry is in a wheel already.");
        }

        entry.Tick = Math.Max(tick, _current);
        Link(entry);
        Count++;
    }

    /// <summary>O(1); false when the entry was not in the wheel (already taken, removed, or never added).</summary>
    public bool Remove(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Slot < 0)
        {
            return false;
        }

        Unlink(entry);
        Count--;
        return true;
    }

    /// <summary>
    /// Takes one entry whose tick is at or before <paramref name="target"/>, the earliest first (those of one tick in
    /// the order they were added); false when none is left, and the wheel then stands at <paramref name="target"/> + 1.
    /// </summary>
    public bool TryTake(long target, [NotNullWhen(true)] out Entry? entry)
    {
        while (_current <= target)
        {
            var head = _slots[(int)(_current & (FirstLevelSlots - 1))];
            if (head is not null)
            {
                Debug.Assert(head.Tick == _current, "a first-level slot holds the entries of one tick");
                Unlink(head);
                Count--;
                entry = head;
                return true;
            }

            // Straight to the next tick at which anything is due or cascades: the ticks between have nothing to do.
            _current = Count == 0 ? target + 1 : Math.Min(NextEvent(_current + 1), target + 1);
            Cascade();
        }

        entry = null;
        return false;
    }

    /// <summary>
    /// The tick at which the owner should next call <see cref="TryTake"/>: no entry is due before it (at it an entry is
    /// due or a slot cascades towards one); <see cref="long.MaxValue"/> when the wheel is empty.
    /// </summary>
    public long NextDue()
    {
        if (Count == 0)
        {
            return long.MaxValue;
        }

        return _slots[(int)(_current & (FirstLevelSlots - 1))] is not null ? _current : NextEvent(_current + 1);
    }

    /// <summary>Lets go of every entry (their owner is shutting down).</summary>
    public void Clear()
    {
        for (var slot = 0; slot < _slots.Length; slot++)
        {
            for (var entry = Detach(slot); entry is not null;)
            {
                var next = entry.Next;
                entry.Next = entry.Previous = null;
                entry.Slot = -1;
                entry = next;
            }
        }

        Count = 0;
    }

    private static int Shift(int level) => level == 0 ? 0 : FirstLevelBits + ((level - 1) * LevelBits);

    private static int SlotOf(int level, long tick) => level == 0
        ? (int)(tick & (FirstLevelSlots - 1))
        : FirstLevelSlots + ((level - 1) * LevelSlots) + (int)((tick >> Shift(level)) & SlotMask);

    /// <summary>The first tick at or after <paramref name="from"/> at which a first-level slot is due or an occupied slot above cascades.</summary>
    private long NextEvent(long from)
    {
        var next = long.MaxValue;

        // First level: its entries' ticks lie in [_current, _current + 256), one tick to a slot.
        var start = (int)(from & (FirstLevelSlots - 1));
        var distance = FirstOccupiedFrom(start);
        if (distance >= 0)
        {
            next = from + distance;
        }

        // Level n >= 1: slot j cascades at the first tick at or after `from` that is a multiple of the slot width
        // whose index at that level is j.
        for (var level = 1; level < Levels; level++)
        {
            var bits = _occupied[(FirstLevelSlots / 64) + level - 1];
            if (bits == 0)
            {
                continue;
            }

            var shift = Shift(level);
            var block = (from + (1L << shift) - 1) >> shift;
            var ahead = BitOperations.TrailingZeroCount(BitOperations.RotateRight(bits, (int)(block & SlotMask)));
            next = Math.Min(next, (block + ahead) << shift);
        }

        return next;
    }

    /// <summary>How far past <paramref name="start"/> (cyclically) the next occupied first-level slot is; -1 when none is.</summary>
    private int FirstOccupiedFrom(int start)
    {
        var word = start >> 6;
        var bits = _occupied[word] & (ulong.MaxValue << (start & 63));
        for (var i = 0; ; i++)
        {
            if (bits != 0)
            {
                var slot = (word << 6) + BitOperations.TrailingZeroCount(bits);
                return (slot - start) & (FirstLevelSlots - 1);
            }

            if (i == FirstLevelSlots / 64)
            {
                return -1;
            }

            word = (word + 1) & ((FirstLevelSlots / 64) - 1);
            bits = _occupied[word];
            if (i == (FirstLevelSlots / 64) - 1)
            {
                // Back at the start's word: only the slots before the start are left.
                bits &= (1UL << (start & 63)) - 1;
            }
        }
    }

    /// <summary>The wheel has just come to <see cref="_current"/>: slots above that start here move down, lowest level first.</summary>
    private void Cascade()
    {
        for (var level = 1; level < Levels; level++)
        {
            if ((_current & ((1L << Shift(level)) - 1)) != 0)
            {
                return;
            }

            for (var entry = Detach(SlotOf(level, _current)); entry is not null;)
            {
                var next = entry.Next;
                entry.Slot = -1;
                Link(entry);
                entry = next;
            }
        }
    }

    /// <summary>Puts the entry in the slot its tick belongs to, after those already there.</summary>
    private void Link(Entry entry)
    {
        var ahead = entry.Tick - _current;
        var level = 0;
        while (level < Levels - 1 && ahead >= 1L << Shift(level + 1))
        {
            level++;
        }

        // Beyond the top level: in the slot that comes round last; it is placed again from there.
        var slot = SlotOf(level, ahead < Span ? entry.Tick : _current + Span - 1);
        var head = _slots[slot];
        if (head is null)
        {
            entry.Next = entry.Previous = entry;
            _slots[slot] = entry;
            _occupied[slot >> 6] |= 1UL << (slot & 63);
        }
        else
        {
            var tail = head.Previous!;
            tail.Next = entry;
            entry.Previous = tail;
            entry.Next = head;
            head.Previous = entry;
        }

        entry.Slot = slot;
    }

    private void Unlink(Entry entry)
    {
        var slot = entry.Slot;
        if (entry.Next == entry)
        {
            _slots[slot] = null;
            _occupied[slot >> 6] &= ~(1UL << (slot & 63));
        }
        else
        {
            entry.Previous!.Next = entry.Next;
            entry.Next!.Previous = entry.Previous;
            if (_slots[slot] == entry)
            {
                _slots[slot] = entry.Next;
            }
        }

        entry.Next = entry.Previous = null;
        entry.Slot = -1;
    }

    /// <summary>Empties a slot and returns its entries as a list ending in null, in the order they were added.</summary>
    private Entry? Detach(int slot)
    {
        var head = _slots[slot];
        if (head is null)
        {
            return null;
        }

        head.Previous!.Next = null;
        _slots[slot] = null;
        _occupied[slot >> 6] &= ~(1UL << (slot & 63));
        return head;
    }

    /// <summary>
    /// What the wheel holds: the owner's own object (a timer) derives from it, so that a timer is its own list node
    /// and scheduling it allocates nothing. The fields belong to the wheel.
    /// </summary>
    internal abstract class Entry
    {
        internal Entry? Next;
        internal Entry? Previous;
        internal long Tick;
        internal int Slot = -1;

        public bool IsScheduled => Slot >= 0;
    }
}
