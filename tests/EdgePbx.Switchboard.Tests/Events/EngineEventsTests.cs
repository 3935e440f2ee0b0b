using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Events;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Switchboard.Tests.Events;

public sealed class EngineEventsTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_subscriber_that_never_reads_loses_its_oldest_events_and_publishing_never_blocks()
    {
        var events = new EngineEvents();
        var slow = events.Subscribe(capacity: 3);
        var fast = events.Subscribe(capacity: 100);
        for (var i = 0; i < 10; i++)
        {
            events.Publish(new CallStarted(_time.GetUtcNow(), "c" + i, "1", "2"));
        }

        var kept = new List<string>();
        while (slow.TryRead(out var e))
        {
            kept.Add(((CallStarted)e).CallId);
        }

        Assert.Equal(["c7", "c8", "c9"], kept);
        var all = 0;
        while (fast.TryRead(out _))
        {
            all++;
        }

        Assert.Equal(10, all);
    }

    [Fact]
    public void Unsubscribing_completes_the_reader_and_stops_delivery()
    {
        var events = new EngineEvents();
        var reader = events.Subscribe();
        events.Unsubscribe(reader);
        events.Publish(new CallEnded(_time.GetUtcNow(), "c", CallOutcome.Missed, "x"));
        Assert.False(reader.TryRead(out _));
        Assert.True(reader.Completion.IsCompleted);
        Assert.Equal(0, events.SubscriberCount);
    }

    [Fact]
    public void Line_states_follow_ringing_answer_and_hang_up_and_only_changes_are_published()
    {
        var events = new EngineEvents();
        var reader = events.Subscribe();
        var lines = new LineBoard(events, _time);

        lines.RingStarted("101");
        lines.RingStarted("101");   // a second contact of the same extension: still just ringing
        lines.RingStopped("101");
        Assert.Equal(LineState.Ringing, lines.StateOf("101"));
        lines.Answered("101");
        Assert.Equal(LineState.Up, lines.StateOf("101"));
        Assert.Contains("ext:101", lines.BusyMembers());
        lines.HungUp("101");
        Assert.Equal(LineState.Idle, lines.StateOf("101"));
        Assert.Empty(lines.BusyMembers());
        Assert.Empty(lines.Snapshot());

        var seen = new List<LineState>();
        while (reader.TryRead(out var e))
        {
            seen.Add(((LineChanged)e).State);
        }

        Assert.Equal([LineState.Ringing, LineState.Up, LineState.Idle], seen);
    }

    [Fact]
    public void Counts_never_go_below_zero_when_a_leg_ends_twice()
    {
        var lines = new LineBoard(new EngineEvents(), _time);
        lines.RingStopped("102");
        lines.HungUp("102");
        lines.RingStarted("102");
        Assert.Equal(LineState.Ringing, lines.StateOf("102"));
    }
}
