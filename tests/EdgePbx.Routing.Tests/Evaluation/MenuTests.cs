using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Tests.Support;

namespace EdgePbx.Routing.Tests.Evaluation;

/// <summary>IVR menus: every kind of key action, direct dialling, retries on timeouts and invalid keys, nesting.</summary>
public sealed class MenuTests
{
    private static readonly RouteEvaluator Evaluator = new(TestPlans.Parse(EvaluatorPlan.Json));
    private static readonly CallFacts Facts = new("01012345678", EvaluatorPlan.Hotline);
    private static readonly DateTimeOffset Open = TestPlans.Shanghai("2026-11-25T10:00");

    private static RouteStep After(string menu, string? digits, int failedTries = 0) =>
        Evaluator.AfterMenu(menu, digits, failedTries, Facts, CallCounters.None, Open).Steps[0];

    [Fact]
    public void Keys_reach_a_group_a_nested_menu_an_extension_an_external_number_and_back_up()
    {
        Assert.Equal("group:rr", Assert.IsType<HuntStep>(After("main", "1")).Source);
        Assert.Equal("sub", Assert.IsType<MenuStep>(After("main", "0")).MenuId);
        Assert.Equal(new ForwardStep("02161234567"), After("sub", "3"));
        Assert.Equal("main", Assert.IsType<MenuStep>(After("sub", "*")).MenuId);
    }

    [Fact]
    public void Keys_reach_voicemail_and_hang_up()
    {
        var plan = Evaluator.Plan with
        {
            Menus = new Dictionary<string, Routing.Model.IvrMenu>
            {
                ["m"] = new("m.wav", Options: new Dictionary<string, string> { ["9"] = "voicemail:101", ["#"] = "hangup", ["2"] = "ext:102" }),
            },
        };
        var e = new RouteEvaluator(plan);

        Assert.Equal(new VoicemailStep("101"), e.AfterMenu("m", "9", 0, Facts, CallCounters.None, Open).Steps[0]);
        Assert.IsType<HangupStep>(e.AfterMenu("m", "#", 0, Facts, CallCounters.None, Open).Steps[0]);
        Assert.Equal("ext:102", Assert.IsType<HuntStep>(e.AfterMenu("m", "2", 0, Facts, CallCounters.None, Open).Steps[0]).Source);
    }

    [Fact]
    public void Direct_dialling_reaches_an_extension_only_where_the_menu_allows_it()
    {
        Assert.Equal("ext:103", Assert.IsType<HuntStep>(After("main", "103")).Source);
        Assert.IsType<MenuStep>(After("sub", "103")); // sub has no direct dialling: invalid, retried
    }

    [Fact]
    public void Invalid_keys_replay_the_menu_until_the_retries_are_spent_then_go_to_the_invalid_target()
    {
        Assert.Equal("main", Assert.IsType<MenuStep>(After("main", "55", failedTries: 0)).MenuId);
        Assert.Equal("main", Assert.IsType<MenuStep>(After("main", "55", failedTries: 1)).MenuId);
        Assert.IsType<HangupStep>(After("main", "55", failedTries: 2)); // main: 2 retries, onInvalid hangup
    }

    [Fact]
    public void Timeouts_replay_the_menu_until_the_retries_are_spent_then_go_to_the_timeout_target()
    {
        Assert.IsType<MenuStep>(After("main", null, failedTries: 1));
        Assert.Equal("ext:101", Assert.IsType<HuntStep>(After("main", null, failedTries: 2)).Source);
    }

    [Fact]
    public void Menu_without_timeout_target_hangs_up_when_retries_are_spent()
    {
        Assert.IsType<HangupStep>(After("sub", null, failedTries: 2));
    }

    [Fact]
    public void Older_overload_treats_a_timeout_as_retries_spent_and_invalid_keys_as_final()
    {
        var timeout = Evaluator.AfterMenu("main", null, Facts, CallCounters.None, Open);
        var invalid = Evaluator.AfterMenu("main", "55", Facts, CallCounters.None, Open);

        Assert.Equal("ext:101", Assert.IsType<HuntStep>(timeout.Steps[0]).Source);
        Assert.IsType<HangupStep>(invalid.Steps[0]);
    }

    [Fact]
    public void Unknown_menu_is_refused_with_404()
    {
        Assert.Equal(404, Assert.IsType<RejectStep>(After("nope", "1")).SipCode);
    }

    [Fact]
    public void Menu_step_carries_prompt_timeout_retries_and_direct_dialling()
    {
        var main = Assert.IsType<MenuStep>(After("sub", "*"));

        Assert.Equal(new MenuStep("main", "main.wav", 5, 2, true), main);
    }

    [Fact]
    public void Back_resolves_to_a_back_step_and_retries_carry_the_menu_retry_prompts()
    {
        var plan = Evaluator.Plan with
        {
            Menus = new Dictionary<string, Routing.Model.IvrMenu>(Evaluator.Plan.Menus)
            {
                ["m"] = new("m.wav", Options: new Dictionary<string, string> { ["9"] = "back", ["1"] = "ext:101" }, Retries: 1, OnTimeout: "back", TimeoutPrompt: "again.wav", InvalidPrompt: "wrong.wav"),
            },
        };
        var e = new RouteEvaluator(plan);

        Assert.IsType<BackStep>(e.AfterMenu("m", "9", 0, Facts, CallCounters.None, Open).Steps[0]);
        Assert.Equal("again.wav", Assert.IsType<MenuStep>(e.AfterMenu("m", null, 0, Facts, CallCounters.None, Open).Steps[0]).RetryPrompt);
        Assert.Equal("wrong.wav", Assert.IsType<MenuStep>(e.AfterMenu("m", "5", 0, Facts, CallCounters.None, Open).Steps[0]).RetryPrompt);
        Assert.IsType<BackStep>(e.AfterMenu("m", null, 1, Facts, CallCounters.None, Open).Steps[0]);
        Assert.Null(Assert.IsType<MenuStep>(After("main", null, failedTries: 0)).RetryPrompt);
    }
}
