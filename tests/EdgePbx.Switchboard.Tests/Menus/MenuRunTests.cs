using EdgePbx.Routing.Evaluation;
using EdgePbx.Switchboard.Menus;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Switchboard.Tests.Menus;

/// <summary>One play of a menu against a fake call, on a FakeTimeProvider: barge-in, timeouts, multi-digit entries.</summary>
public sealed class MenuRunTests
{
    private sealed class FakeHost(FakeTimeProvider time) : IMenuHost
    {
        public List<string> Log { get; } = [];

        public List<(string? Digits, TimeSpan At)> Entries { get; } = [];

        public DateTimeOffset Start { get; } = time.GetUtcNow();

        public void PlayPrompt(string prompt) => Log.Add("play " + prompt);

        public void StopPrompt() => Log.Add("stop");

        public ITimer Schedule(TimeSpan due, Action action) => time.CreateTimer(_ => action(), null, due, Timeout.InfiniteTimeSpan);

        public void MenuEntry(MenuRun run, string? digits) => Entries.Add((digits, time.GetUtcNow() - Start));
    }

    private static readonly string[] Options = ["1", "2", "0", "9"];
    private static readonly string[] Extensions = ["101", "102", "1031", "20"];
    private readonly FakeTimeProvider _time = new();

    private MenuRun Run(FakeHost host, bool directDial = true, string? retryPrompt = null, int timeout = 5)
    {
        var run = new MenuRun(new MenuStep("main", "main.wav", timeout, 2, directDial, retryPrompt), Options, Extensions, TimeSpan.FromSeconds(3), host);
        run.Start();
        return run;
    }

    [Fact]
    public void The_timeout_runs_from_the_end_of_the_prompt_not_its_start()
    {
        var host = new FakeHost(_time);
        var run = Run(host);
        _time.Advance(TimeSpan.FromSeconds(20)); // a long prompt: no timeout while it plays
        Assert.Empty(host.Entries);

        run.PromptFinished();
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Empty(host.Entries);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal([(null, TimeSpan.FromSeconds(25))], host.Entries);
        Assert.Equal(MenuRunState.Done, run.State);
    }

    [Fact]
    public void The_first_key_stops_the_prompt_and_a_key_that_cannot_grow_acts_at_once()
    {
        var host = new FakeHost(_time);
        var run = Run(host);
        run.OnDigit('9');
        Assert.Equal(["play main.wav", "stop"], host.Log);
        Assert.Equal([("9", TimeSpan.Zero)], host.Entries);
        run.PromptFinished(); // the old prompt's end arriving late changes nothing
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Single(host.Entries);
    }

    [Fact]
    public void An_option_that_starts_an_extension_number_waits_the_inter_digit_time_then_is_the_option()
    {
        var host = new FakeHost(_time);
        var run = Run(host);
        run.PromptFinished();
        run.OnDigit('1'); // "1" is an option, and 101/102/1031 start with it
        _time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Empty(host.Entries);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal([("1", TimeSpan.FromSeconds(3))], host.Entries);
    }

    [Fact]
    public void Direct_dial_collects_the_whole_extension_number_and_ends_when_no_longer_number_is_possible()
    {
        var host = new FakeHost(_time);
        var run = Run(host);
        run.OnDigit('1');
        _time.Advance(TimeSpan.FromSeconds(2));
        run.OnDigit('0'); // each key restarts the inter-digit time
        _time.Advance(TimeSpan.FromSeconds(2));
        run.OnDigit('2');
        Assert.Equal([("102", TimeSpan.FromSeconds(4))], host.Entries);
    }

    [Fact]
    public void A_shorter_extension_that_starts_a_longer_one_waits_and_hash_ends_the_entry_at_once()
    {
        var host = new FakeHost(_time);
        var run = Run(host);
        foreach (var d in "103")
        {
            run.OnDigit(d);
        }

        Assert.Empty(host.Entries); // 1031 is still possible
        run.OnDigit('#');
        Assert.Equal([("103", TimeSpan.Zero)], host.Entries);
    }

    [Fact]
    public void Without_direct_dialling_an_option_acts_at_once_and_other_keys_are_handed_over_as_entered()
    {
        var host = new FakeHost(_time);
        Run(host, directDial: false).OnDigit('1');
        Run(host, directDial: false).OnDigit('5');
        Assert.Equal([("1", TimeSpan.Zero), ("5", TimeSpan.Zero)], host.Entries);
    }

    [Fact]
    public void Keys_that_start_nothing_are_an_invalid_entry_at_once()
    {
        var host = new FakeHost(_time);
        var run = Run(host);
        run.OnDigit('2'); // "2" is an option and starts extension 20: wait
        run.OnDigit('5'); // "25" starts nothing
        Assert.Equal([("25", TimeSpan.Zero)], host.Entries);
    }

    [Fact]
    public void A_retry_plays_its_own_prompt()
    {
        var host = new FakeHost(_time);
        Run(host, retryPrompt: "sorry.wav");
        Assert.Equal(["play sorry.wav"], host.Log);
    }

    [Fact]
    public void A_stopped_run_hands_nothing_over()
    {
        var host = new FakeHost(_time);
        var run = Run(host);
        run.PromptFinished();
        run.OnDigit('1');
        run.Stop();
        _time.Advance(TimeSpan.FromMinutes(1));
        run.OnDigit('2');
        Assert.Empty(host.Entries);
    }
}
