using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Tests.Support;

namespace EdgePbx.Routing.Tests.Evaluation;

/// <summary>Extensions: follow-me numbers with their own schedules, do-not-disturb, voicemail fallback.</summary>
public sealed class ExtensionTests
{
    private static readonly RouteEvaluator Evaluator = new(TestPlans.Parse(EvaluatorPlan.Json));

    private static HuntStep Ring101(string local)
    {
        // The main menu times out to ext:101 (follow-me to 13800138000 in the evenings and 13900139000 always).
        var d = Evaluator.AfterMenu("main", null, new CallFacts("01012345678", EvaluatorPlan.Hotline), CallCounters.None, TestPlans.Shanghai(local));
        return Assert.IsType<HuntStep>(Assert.Single(d.Steps));
    }

    [Fact]
    public void Follow_me_rings_the_desk_phone_and_bound_numbers_whose_schedule_is_open()
    {
        var evening = Ring101("2026-11-25T20:00");

        Assert.True(evening.Simultaneous);
        Assert.Equal(["ext:101", "external:13800138000", "external:13900139000"], evening.Legs.Select(l => l.Target));
    }

    [Fact]
    public void Bound_number_with_a_closed_schedule_is_not_rung()
    {
        var day = Ring101("2026-11-25T10:00");

        Assert.Equal(["ext:101", "external:13900139000"], day.Legs.Select(l => l.Target));
    }

    [Fact]
    public void Extension_with_a_voicemail_box_falls_back_to_voicemail_when_nobody_answers()
    {
        Assert.Equal(new VoicemailStep("101"), Assert.Single(Ring101("2026-11-25T10:00").OnNoAnswer));
    }

    [Fact]
    public void Extension_without_a_voicemail_box_hangs_up_when_nobody_answers()
    {
        var d = Evaluator.AfterMenu("main", "102", new CallFacts("01012345678", EvaluatorPlan.Hotline), CallCounters.None, TestPlans.Shanghai("2026-11-25T10:00"));

        Assert.IsType<HangupStep>(Assert.Single(Assert.IsType<HuntStep>(Assert.Single(d.Steps)).OnNoAnswer));
    }

    [Fact]
    public void Do_not_disturb_goes_straight_to_voicemail_or_is_busy_without_a_box()
    {
        var facts = new CallFacts("01012345678", EvaluatorPlan.Hotline);
        var at = TestPlans.Shanghai("2026-11-25T10:00");

        var withBox = Evaluator.AfterMenu("sub", "1", facts, CallCounters.None, at);   // ext:105
        var withoutBox = Evaluator.AfterMenu("sub", "2", facts, CallCounters.None, at); // ext:106

        Assert.Equal(new VoicemailStep("105"), Assert.Single(withBox.Steps));
        Assert.Equal(486, Assert.IsType<RejectStep>(Assert.Single(withoutBox.Steps)).SipCode);
    }

    [Fact]
    public void Extension_rings_for_its_own_ring_time()
    {
        Assert.All(Ring101("2026-11-25T10:00").Legs, l => Assert.Equal(25, l.RingSeconds));
    }
}
