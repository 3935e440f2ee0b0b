using EdgePbx.Sip.Threading;

namespace EdgePbx.Sip.Tests.Threading;

/// <summary>
/// The wheel on its own, in ticks and without a thread or a clock: every level and its cascades, far entries
/// beyond the top level, removal, and the wake-up tick it tells its owner.
/// </summary>
public sealed class TimingWheelTests
{
    private const long Start = 1_000_003; // not on any level's boundary

    [Fact]
    public void An_entry_comes_out_at_its_tick_and_not_before()
    {
        var wheel = new TimingWheel(Start);
        var entry = new Item(1);
        wheel.Add(entry, Start + 10);

        Assert.False(wheel.TryTake(Start + 9, out _));
        Assert.True(wheel.TryTake(Start + 10, out var taken));
        Assert.Same(entry, taken);
        Assert.False(wheel.TryTake(Start + 1000, out _));
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void An_entry_added_for_a_tick_already_passed_is_due_at_once()
    {
        var wheel = new TimingWheel(Start);
        Assert.False(wheel.TryTake(Start + 500, out _));
        var entry = new Item(1);
        wheel.Add(entry, Start + 20);

        Assert.Equal(Start + 501, wheel.NextDue());
        Assert.True(wheel.TryTake(Start + 501, out var taken));
        Assert.Same(entry, taken);
    }

    [Fact]
    public void Entries_of_one_tick_come_out_in_the_order_they_were_added()
    {
        var wheel = new TimingWheel(Start);
        var items = Enumerable.Range(0, 50).Select(i => new Item(i)).ToList();
        foreach (var item in items)
        {
            // Some start on a higher level and cascade down; they still keep their order.
            wheel.Add(item, Start + 40_000);
        }

        Assert.Equal(items.Select(i => i.Id), TakeAll(wheel, Start + 40_000).Select(e => e.Item.Id));
    }

    [Fact]
    public void Removing_entries_takes_them_out_at_once_and_they_never_come_out()
    {
        var wheel = new TimingWheel(Start);
        var items = Enumerable.Range(0, 1000).Select(i => new Item(i)).ToList();
        foreach (var item in items)
        {
            wheel.Add(item, Start + 1 + (item.Id * 997L % 5_000_000));
        }

        foreach (var item in items.Where(i => i.Id % 3 != 0))
        {
            Assert.True(wheel.Remove(item));
            Assert.False(item.IsScheduled);
        }

        Assert.False(wheel.Remove(items[1]), "removing twice");
        Assert.Equal(334, wheel.Count);
        var taken = TakeAll(wheel, Start + 5_000_001);
        Assert.Equal(items.Where(i => i.Id % 3 == 0).Select(i => i.Id).Order(), taken.Select(e => e.Item.Id).Order());
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void An_entry_moved_to_another_tick_comes_out_once_at_the_new_tick()
    {
        var wheel = new TimingWheel(Start);
        var entry = new Item(1);
        wheel.Add(entry, Start + 30_000);
        Assert.True(wheel.Remove(entry));
        wheel.Add(entry, Start + 100);

        var taken = TakeAll(wheel, Start + 60_000);
        Assert.Equal([Start + 100], taken.Select(e => e.At));
    }

    [Theory]
    [InlineData(300L)] // level 0 and 1
    [InlineData(20_000L)] // up to level 2
    [InlineData(2_000_000L)] // up to level 3 (about half an hour of 1 ms ticks)
    [InlineData(200_000_000L)] // up to level 4 (about two days)
    [InlineData(20_000_000_000L)] // beyond the top level (about eight months): re-placed each time it comes round
    public void Every_entry_comes_out_once_at_the_first_take_that_reaches_its_tick(long span)
    {
        var random = new Random(7);
        var wheel = new TimingWheel(Start);
        var due = new Dictionary<Item, long>();
        for (var i = 0; i < 5000; i++)
        {
            var item = new Item(i);
            due[item] = Start + random.NextInt64(span);
            wheel.Add(item, due[item]);
        }

        // The owner wakes when the wheel says (NextDue) or earlier (a new timer woke it); now and then it oversleeps.
        var dues = due.Values.Order().ToArray();
        var firstLeft = 0;
        var now = Start - 1;
        var taken = 0;
        while (wheel.Count > 0)
        {
            var next = wheel.NextDue();
            Assert.True(next >= wheel.Current, $"next due {next} is before the wheel's {wheel.Current}");
            Assert.True(next <= dues[firstLeft], $"the wheel would sleep until {next}, past an entry due at {dues[firstLeft]}");
            var target = random.Next(10) switch
            {
                0 => now + 1 + random.Next(3),
                1 => Math.Max(now, next) + random.Next(500),
                _ => Math.Max(now, next),
            };
            while (wheel.TryTake(target, out var entry))
            {
                Assert.InRange(due[(Item)entry], now + 1, target);
                taken++;
            }

            now = target;
            while (firstLeft < dues.Length - 1 && dues[firstLeft] <= now)
            {
                firstLeft++;
            }
        }

        Assert.Equal(5000, taken);
    }

    [Fact]
    public void A_far_entry_beyond_the_top_level_waits_for_its_tick()
    {
        var wheel = new TimingWheel(Start);
        var far = new Item(1);
        var tick = Start + (1L << 40); // ~35 years of 1 ms ticks: past the 2^32-tick top level
        wheel.Add(far, tick);

        var wakes = 0;
        var now = Start;
        while (wheel.Count > 0)
        {
            now = wheel.NextDue();
            Assert.True(now <= tick);
            wakes++;
            if (wheel.TryTake(now, out var entry))
            {
                Assert.Same(far, entry);
                Assert.Equal(tick, now);
            }
        }

        // It is looked at about once a top-level round (63 of its 64 slots, 2^32 - 2^26 ticks) and a few times on the way down.
        Assert.InRange(wakes, 255, 275);
    }

    [Fact]
    public void An_empty_wheel_has_nothing_due()
    {
        var wheel = new TimingWheel(Start);
        Assert.Equal(long.MaxValue, wheel.NextDue());
        var entry = new Item(1);
        wheel.Add(entry, Start + 5);
        wheel.Remove(entry);
        Assert.Equal(long.MaxValue, wheel.NextDue());
        Assert.False(wheel.TryTake(Start + 10, out _));
    }

    [Fact]
    public void Clear_lets_go_of_every_entry()
    {
        var wheel = new TimingWheel(Start);
        var items = Enumerable.Range(0, 100).Select(i => new Item(i)).ToList();
        items.ForEach(i => wheel.Add(i, Start + (i.Id * 10_007L)));
        wheel.Clear();

        Assert.Equal(0, wheel.Count);
        Assert.All(items, i => Assert.False(i.IsScheduled));
        Assert.False(wheel.Remove(items[0]));
        Assert.False(wheel.TryTake(Start + 2_000_000, out _));
    }

    private static List<(Item Item, long At)> TakeAll(TimingWheel wheel, long until)
    {
        var taken = new List<(Item, long)>();
        var now = wheel.Current;
        while (wheel.Count > 0 && now <= until)
        {
            now = Math.Max(now, wheel.NextDue());
            while (wheel.TryTake(now, out var entry))
            {
                taken.Add(((Item)entry, now));
            }
        }

        return taken;
    }

    private sealed class Item(int id) : TimingWheel.Entry
    {
        public int Id { get; } = id;
    }
}
