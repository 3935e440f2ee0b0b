using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Model;
using EdgePbx.Switchboard.Hunting;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Switchboard.Tests.Hunting;

/// <summary>The hunt state machine against a fake call, on a FakeTimeProvider.</summary>
public sealed class HuntRunTests
{
    private sealed class FakeHost(FakeTimeProvider time, params string[] unreachable) : IHuntHost
    {
        public List<string> Log { get; } = [];

        public List<HuntMember> Ringing { get; } = [];

        public bool? Exhausted { get; private set; }

        public bool RingMember(HuntMember member)
        {
            if (unreachable.Contains(member.Target))
            {
                Log.Add($"unreachable {member.Target}@");
                return false;
            }

            Log.Add($"ring {member.Target}@");
            Ringing.Add(member);
            return true;
        }

        public void StopMember(HuntMember member)
        {
            Log.Add($"stop {member.Target}@");
            Ringing.Remove(member);
        }

        public ITimer Schedule(TimeSpan due, Action action) => time.CreateTimer(_ => action(), null, due, Timeout.InfiniteTimeSpan);

        public void HuntExhausted(bool allBusy)
        {
            Log.Add($"exhausted busy={allBusy}@");
            Exhausted = allBusy;
        }
    }

    private readonly FakeTimeProvider _time = new();

    private static HuntStep Step(bool simultaneous, int repeat, params RingLeg[] legs) =>
        new("group:g", simultaneous ? HuntStrategy.RingAll : HuntStrategy.Sequential, simultaneous, legs, repeat, RingbackKind.Tone, null, null, []);

    [Fact]
    public void Sequential_rings_each_member_for_its_ring_time_in_order_then_is_exhausted()
    {
        var host = new FakeHost(_time);
        var start = _time.GetTimestamp();
        var run = new HuntRun(Step(false, 1, new RingLeg("ext:101", 0, 5), new RingLeg("ext:102", 0, 10)), host);
        run.Start();
        Assert.Equal(["ext:101"], host.Ringing.Select(m => m.Target));

        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(["ext:101"], host.Ringing.Select(m => m.Target));
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(["ext:102"], host.Ringing.Select(m => m.Target));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(host.Exhausted);
        Assert.Equal([487, 487], run.History.Select(m => m.Status));
        Assert.Equal(["ring ext:101", "stop ext:101", "ring ext:102", "stop ext:102", "exhausted busy=False"], host.Log.Select(Strip));
        Assert.Equal(TimeSpan.FromSeconds(15), _time.GetElapsedTime(start));
    }

    [Fact]
    public void A_member_ending_early_moves_the_hunt_on_at_once_and_its_timer_no_longer_fires()
    {
        var host = new FakeHost(_time);
        var run = new HuntRun(Step(false, 1, new RingLeg("ext:101", 0, 5), new RingLeg("ext:102", 0, 5)), host);
        run.Start();
        run.MemberEnded(host.Ringing[0], 486);
        Assert.Equal("ext:102", Assert.Single(host.Ringing, m => m.State == HuntMemberState.Ringing).Target);

        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["ring ext:101", "ring ext:102", "stop ext:102", "exhausted busy=False"], host.Log.Select(Strip));
    }

    [Fact]
    public void Every_member_busy_reports_all_busy()
    {
        var host = new FakeHost(_time);
        var run = new HuntRun(Step(true, 1, new RingLeg("ext:101", 0, 5), new RingLeg("ext:102", 0, 5)), host);
        run.Start();
        Assert.Equal(2, host.Ringing.Count);
        run.MemberEnded(host.Ringing[0], 486);
        Assert.Null(host.Exhausted);
        run.MemberEnded(host.Ringing[1], 486);
        Assert.True(host.Exhausted);
    }

    [Fact]
    public void Ring_all_starts_delayed_members_after_their_delay_and_ends_when_all_turns_are_over()
    {
        var host = new FakeHost(_time);
        var run = new HuntRun(Step(true, 1, new RingLeg("ext:101", 0, 10), new RingLeg("ext:102", 3, 10)), host);
        run.Start();
        Assert.Equal(["ext:101"], host.Ringing.Select(m => m.Target));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(["ext:101", "ext:102"], host.Ringing.Select(m => m.Target));
        _time.Advance(TimeSpan.FromSeconds(7));
        Assert.Null(host.Exhausted);
        Assert.Equal(["ext:102"], host.Ringing.Select(m => m.Target));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.False(host.Exhausted);
    }

    [Fact]
    public void Unreachable_members_are_passed_over_and_the_list_repeats()
    {
        var host = new FakeHost(_time, "ext:101");
        var run = new HuntRun(Step(false, 2, new RingLeg("ext:101", 0, 5), new RingLeg("ext:102", 0, 5)), host);
        run.Start();
        _time.Advance(TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["unreachable ext:101", "ring ext:102", "stop ext:102", "unreachable ext:101", "ring ext:102", "stop ext:102", "exhausted busy=False"], host.Log.Select(Strip));
        Assert.Equal([0, 0, 1, 1], run.History.Select(m => m.Round));
    }

    [Fact]
    public void Stopping_the_run_when_someone_answers_starts_nobody_else()
    {
        var host = new FakeHost(_time);
        var run = new HuntRun(Step(false, 1, new RingLeg("ext:101", 0, 5), new RingLeg("ext:102", 0, 5)), host);
        run.Start();
        run.Stop();
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(["ring ext:101"], host.Log.Select(Strip));
        Assert.Null(host.Exhausted);
    }

    [Fact]
    public void Nobody_reachable_in_a_ring_all_round_ends_the_hunt_without_ringing_anyone_twice()
    {
        var host = new FakeHost(_time, "ext:101", "ext:102");
        var run = new HuntRun(Step(true, 1, new RingLeg("ext:101", 0, 5), new RingLeg("ext:102", 0, 5)), host);
        run.Start();
        Assert.Equal(["unreachable ext:101", "unreachable ext:102", "exhausted busy=False"], host.Log.Select(Strip));
    }

    private static string Strip(string entry) => entry.TrimEnd('@');
}
