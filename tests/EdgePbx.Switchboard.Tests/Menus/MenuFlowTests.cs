using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Model;
using EdgePbx.Switchboard.Menus;
using EdgePbx.Switchboard.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Switchboard.Tests.Menus;

/// <summary>
/// Menus end to end without a network: MenuRun for timing, MenuNavigator for retries, nesting and "back", the
/// real evaluator for what an entry means, a FakeTimeProvider for the clock. The host does what the call does.
/// </summary>
public sealed class MenuFlowTests
{
    private static readonly RoutingPlan Plan = TestPlans.Plan(new NumberEntry("menu:main")) with
    {
        Menus = new Dictionary<string, IvrMenu>
        {
            ["main"] = new("main.wav", Options: new Dictionary<string, string> { ["1"] = "ext:102", ["2"] = "menu:sub", ["0"] = "ext:101" },
                DirectDial: true, TimeoutSeconds: 5, Retries: 2, OnTimeout: "ext:101", OnInvalid: "hangup", TimeoutPrompt: "again.wav", InvalidPrompt: "wrong.wav"),
            ["sub"] = new("sub.wav", Options: new Dictionary<string, string> { ["1"] = "ext:103", ["9"] = "back" }, TimeoutSeconds: 4, Retries: 1, OnTimeout: "back"),
        },
    };

    private sealed class Flow : IMenuHost
    {
        private readonly FakeTimeProvider _time;
        private readonly RouteEvaluator _evaluator = new(Plan);
        private readonly DateTimeOffset _start;
        private MenuRun? _run;

        public Flow(FakeTimeProvider time)
        {
            _time = time;
            _start = time.GetUtcNow();
            var first = Assert.IsType<MenuStep>(Assert.Single(_evaluator.Evaluate(new CallFacts("13912345678", TestPlans.Main), CallCounters.None, _start).Steps));
            Navigator.Enter(first);
            Play(first);
        }

        public MenuNavigator Navigator { get; } = new(Plan);

        public List<string> Prompts { get; } = [];

        public IReadOnlyList<RouteStep>? Result { get; private set; }

        public TimeSpan EndedAt { get; private set; }

        public void PlayPrompt(string prompt)
        {
            Prompts.Add($"{prompt}@{(_time.GetUtcNow() - _start).TotalSeconds}");

            // Every prompt lasts 2 s, as a media clock would report it.
            var run = _run;
            Schedule(TimeSpan.FromSeconds(2), () => run?.PromptFinished());
        }

        public void StopPrompt() => Prompts.Add("stop");

        public ITimer Schedule(TimeSpan due, Action action) => _time.CreateTimer(_ => action(), null, due, Timeout.InfiniteTimeSpan);

        public void MenuEntry(MenuRun run, string? digits)
        {
            var next = Navigator.Entry(run.Step, digits, (m, d, f) => _evaluator.AfterMenu(m, d, f, new CallFacts("13912345678", TestPlans.Main), CallCounters.None, _time.GetUtcNow()));
            switch (next)
            {
                case { Retry: { } again }:
                    Play(again);
                    break;
                case { Steps: [BackStep] }:
                    Play(Navigator.Back()!);
                    break;
                case { Steps: [MenuStep deeper] }:
                    Navigator.Enter(deeper);
                    Play(deeper);
                    break;
                default:
                    Result = next.Steps;
                    EndedAt = _time.GetUtcNow() - _start;
                    break;
            }
        }

        public void Key(string keys)
        {
            foreach (var k in keys)
            {
                _run!.OnDigit(k);
            }
        }

        private void Play(MenuStep step)
        {
            _run = new MenuRun(step, [.. Plan.Menus[step.MenuId].Options.Keys], [.. Plan.Extensions.Keys], TimeSpan.FromSeconds(3), this);
            _run.Start();
        }
    }

    private readonly FakeTimeProvider _time = new();

    /// <summary>Moves the clock in 100 ms steps, so timers that callbacks start inside the span fire too.</summary>
    private void Wait(double seconds)
    {
        for (var i = 0; i < (int)Math.Round(seconds * 10); i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }
    }

    private static string Rung(IReadOnlyList<RouteStep>? steps) => Assert.IsType<HuntStep>(Assert.Single(steps!)).Source;

    [Fact]
    public void Timeouts_replay_the_menu_with_the_timeout_prompt_then_go_to_the_timeout_target()
    {
        var flow = new Flow(_time);
        Wait(60);

        // main.wav 2 s + 5 s timeout, twice again.wav (2 + 5 each), then ext:101 after 21 s.
        Assert.Equal(["main.wav@0", "again.wav@7", "again.wav@14"], flow.Prompts);
        Assert.Equal("ext:101", Rung(flow.Result));
        Assert.Equal(TimeSpan.FromSeconds(21), flow.EndedAt);
        Assert.Equal(["main:timeout", "main:timeout", "main:timeout"], flow.Navigator.Choices);
    }

    [Fact]
    public void Invalid_keys_retry_with_the_invalid_prompt_then_hang_up_and_a_good_key_in_between_still_counts()
    {
        var flow = new Flow(_time);
        flow.Key("5"); // barge-in on main.wav: invalid at once
        Assert.Equal(["main.wav@0", "stop", "wrong.wav@0"], flow.Prompts);
        flow.Key("7");
        flow.Key("8");
        Assert.Equal(new HangupStep(), Assert.Single(flow.Result!));
        Assert.Equal(["main:invalid(5)", "main:invalid(7)", "main:invalid(8)"], flow.Navigator.Choices);
    }

    [Fact]
    public void Direct_dial_reaches_the_extension_after_the_last_key()
    {
        var flow = new Flow(_time);
        Wait(3);
        flow.Key("103");
        Assert.Equal("ext:103", Rung(flow.Result));
        Assert.Equal(["main:103"], flow.Navigator.Choices);
    }

    [Fact]
    public void Key_one_waits_for_a_possible_extension_number_then_is_the_option()
    {
        var flow = new Flow(_time);
        flow.Key("1");
        Assert.Null(flow.Result);
        Wait(3);
        Assert.Equal("ext:102", Rung(flow.Result));
        Assert.Equal(TimeSpan.FromSeconds(3), flow.EndedAt);
    }

    [Fact]
    public void Zero_goes_to_the_operator()
    {
        var flow = new Flow(_time);
        flow.Key("0");
        Assert.Equal("ext:101", Rung(flow.Result));
    }

    [Fact]
    public void A_nested_menu_and_back_return_to_the_menu_before_with_its_retries_fresh()
    {
        var flow = new Flow(_time);
        flow.Key("5"); // one invalid entry at main
        flow.Key("2"); // into sub
        Assert.Equal(["main", "sub"], flow.Navigator.Path.Select(p => p.MenuId));
        flow.Key("9"); // back
        Assert.Equal(["main"], flow.Navigator.Path.Select(p => p.MenuId));
        Assert.Equal(0, flow.Navigator.Failures);
        Assert.EndsWith("main.wav@0", flow.Prompts[^1], StringComparison.Ordinal);
        flow.Key("2");
        flow.Key("1");
        Assert.Equal("ext:103", Rung(flow.Result));
        Assert.Equal(["main:invalid(5)", "main:2", "sub:9", "main:2", "sub:1"], flow.Navigator.Choices);
    }

    [Fact]
    public void A_nested_menu_timing_out_goes_back_when_the_plan_says_so()
    {
        var flow = new Flow(_time);
        flow.Key("2");
        Wait(6); // sub.wav 2 s + 4 s: one retry
        Wait(6); // spent: onTimeout back
        Assert.Equal(["main"], flow.Navigator.Path.Select(p => p.MenuId));
        Assert.Equal(["main:2", "sub:timeout", "sub:timeout"], flow.Navigator.Choices);
        Assert.Null(flow.Result);
    }

    [Fact]
    public void Back_at_the_first_menu_plays_it_again()
    {
        var navigator = new MenuNavigator(Plan);
        var main = new MenuStep("main", "main.wav", 5, 2, true);
        navigator.Enter(main);
        Assert.Equal("main", navigator.Back()!.MenuId);
        Assert.Single(navigator.Path);
        Assert.Null(new MenuNavigator(Plan).Back());
    }
}
