using System.Text;
using EdgePbx.Cloud.Apply;
using EdgePbx.Cloud.Envelope;
using EdgePbx.Cloud.Tests.TestSupport;

namespace EdgePbx.Cloud.Tests.Apply;

public sealed class PlanApplierTests : IDisposable
{
    private readonly PlanSyncHarness _box = new("box-1", "shops");

    public void Dispose() => _box.Dispose();

    private async Task<PlanStoreState> StateAsync() => await _box.Store.GetStateAsync(CancellationToken.None);

    private async Task AssertNothingChangedAsync(PlanStoreState before, AcceptedPlan? planBefore)
    {
        Assert.Equal(before, await StateAsync());
        Assert.Same(planBefore, _box.Store.Current);
    }

    [Fact]
    public async Task Signed_valid_newer_plan_for_this_device_is_applied()
    {
        var outcome = await _box.ApplyAsync(Plans.Signed(_box.Key, 1, PlanTarget.Device("box-1")));

        Assert.Equal(ApplyOutcome.Applied(1), outcome with { Reasons = [] });
        Assert.Empty(outcome.Reasons);
        Assert.Equal(1, _box.Store.Current!.Version);
        Assert.Equal(Plans.ValidJson(1), _box.Store.Current.PlanJson.ToArray());
        Assert.Equal(new PlanStoreState(1, null, 1), await StateAsync());
    }

    [Fact]
    public async Task Plan_for_a_group_this_device_is_in_is_applied()
    {
        var outcome = await _box.ApplyAsync(Plans.Signed(_box.Key, 1, PlanTarget.Group("shops")));

        Assert.Equal(ApplyOutcomeKind.Applied, outcome.Kind);
    }

    [Fact]
    public async Task Newer_plan_makes_the_previous_one_last_known_good()
    {
        await _box.ApplyAsync(Plans.Signed(_box.Key, 1, PlanTarget.Device("box-1")));
        await _box.ApplyAsync(Plans.Signed(_box.Key, 5, PlanTarget.Device("box-1")));

        Assert.Equal(new PlanStoreState(5, 1, 5), await StateAsync());
    }

    public static TheoryData<string, RejectionCode> BadMessages => new()
    {
        { "not-json", RejectionCode.NotJson },
        { "malformed", RejectionCode.MalformedEnvelope },
        { "bad-signature", RejectionCode.BadSignature },
        { "unknown-key", RejectionCode.UnknownKey },
        { "other-device", RejectionCode.WrongTarget },
        { "other-group", RejectionCode.WrongTarget },
        { "replayed", RejectionCode.StaleVersion },
        { "older", RejectionCode.StaleVersion },
        { "invalid-plan", RejectionCode.InvalidPlan },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public async Task Bad_message_changes_nothing_and_names_its_reason(string kind, RejectionCode expected)
    {
        await _box.ApplyAsync(Plans.Signed(_box.Key, 10, PlanTarget.Device("box-1")));
        var before = await StateAsync();
        var planBefore = _box.Store.Current;
        using var stranger = new TestKey("cloud-2");

        var bytes = kind switch
        {
            "not-json" => Encoding.UTF8.GetBytes("PLAN v11 please"),
            "malformed" => Encoding.UTF8.GetBytes("{\"plan\":\"e30=\"}"),
            "bad-signature" => Tamper(Plans.SignedEnvelope(_box.Key, 11, PlanTarget.Device("box-1"))),
            "unknown-key" => Plans.Signed(stranger, 11, PlanTarget.Device("box-1")),
            "other-device" => Plans.Signed(_box.Key, 11, PlanTarget.Device("box-2")),
            "other-group" => Plans.Signed(_box.Key, 11, PlanTarget.Group("warehouses")),
            "replayed" => Plans.Signed(_box.Key, 10, PlanTarget.Device("box-1"), Plans.ValidJson(99)),
            "older" => Plans.Signed(_box.Key, 9, PlanTarget.Device("box-1")),
            "invalid-plan" => Plans.Signed(_box.Key, 11, PlanTarget.Device("box-1"), Plans.InvalidJson()),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var outcome = await _box.ApplyAsync(bytes);

        Assert.Equal(ApplyOutcomeKind.Rejected, outcome.Kind);
        Assert.All(outcome.Reasons, r => Assert.Equal(expected, r.Code));
        Assert.NotEmpty(outcome.Reasons);
        Assert.All(outcome.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
        await AssertNothingChangedAsync(before, planBefore);
        Assert.Equal(1, _box.Store.ApplyCount);
    }

    [Fact]
    public async Task Invalid_plan_reports_every_validation_error_with_its_path()
    {
        var plan = Encoding.UTF8.GetBytes("""{"routes":[{"did":"1"},{"did":"2","to":"x"},{"did":"3"}]}""");

        var outcome = await _box.ApplyAsync(Plans.Signed(_box.Key, 1, PlanTarget.Device("box-1"), plan));

        Assert.Equal(["$.routes[0].to: required", "$.routes[2].to: required"], outcome.Reasons.Select(r => r.Message));
        Assert.Null(_box.Store.Current);
    }

    [Fact]
    public async Task Rejected_version_carries_the_version_it_claimed()
    {
        var outcome = await _box.ApplyAsync(Plans.Signed(_box.Key, 4, PlanTarget.Device("box-9")));

        Assert.Equal(4, outcome.Version);
    }

    [Fact]
    public async Task Same_envelope_delivered_again_is_already_applied_not_a_rejection()
    {
        var bytes = Plans.Signed(_box.Key, 3, PlanTarget.Device("box-1"));
        await _box.ApplyAsync(bytes);

        var again = await _box.ApplyAsync(bytes);

        Assert.Equal(ApplyOutcomeKind.AlreadyApplied, again.Kind);
        Assert.Equal(1, _box.Store.ApplyCount);
    }

    [Fact]
    public async Task Store_failure_is_reported_and_the_running_plan_stays()
    {
        await _box.ApplyAsync(Plans.Signed(_box.Key, 1, PlanTarget.Device("box-1")));
        _box.Store.FailNextApply = true;

        var outcome = await _box.ApplyAsync(Plans.Signed(_box.Key, 2, PlanTarget.Device("box-1")));

        Assert.Equal(RejectionCode.StoreFailed, Assert.Single(outcome.Reasons).Code);
        Assert.Equal(1, _box.Store.Current!.Version);
    }

    [Fact]
    public async Task Plan_that_failed_to_store_can_be_applied_when_it_comes_again()
    {
        var bytes = Plans.Signed(_box.Key, 2, PlanTarget.Device("box-1"));
        _box.Store.FailNextApply = true;
        await _box.ApplyAsync(bytes);

        var retry = await _box.ApplyAsync(bytes);

        Assert.Equal(ApplyOutcomeKind.Applied, retry.Kind);
    }

    [Fact]
    public async Task After_rollback_the_rolled_back_version_cannot_come_back()
    {
        await _box.ApplyAsync(Plans.Signed(_box.Key, 1, PlanTarget.Device("box-1")));
        var bad = Plans.Signed(_box.Key, 2, PlanTarget.Device("box-1"));
        await _box.ApplyAsync(bad);

        var state = await _box.Applier.RollbackAsync(CancellationToken.None);
        var replay = await _box.ApplyAsync(bad);
        var rebuiltReplay = await _box.ApplyAsync(Plans.Signed(_box.Key, 2, PlanTarget.Device("box-1"), Plans.ValidJson(22)));

        Assert.Equal(new PlanStoreState(1, null, 2), state);
        Assert.NotEqual(ApplyOutcomeKind.Applied, replay.Kind);
        Assert.Equal(RejectionCode.StaleVersion, Assert.Single(rebuiltReplay.Reasons).Code);
        Assert.Equal(1, _box.Store.Current!.Version);
    }

    [Fact]
    public async Task Rollback_without_last_known_good_returns_null_and_keeps_the_plan()
    {
        await _box.ApplyAsync(Plans.Signed(_box.Key, 1, PlanTarget.Device("box-1")));

        var state = await _box.Applier.RollbackAsync(CancellationToken.None);

        Assert.Null(state);
        Assert.Equal(1, _box.Store.Current!.Version);
    }

    private static byte[] Tamper(PlanEnvelope envelope)
    {
        var plan = Encoding.UTF8.GetString(Convert.FromBase64String(envelope.Plan)).Replace("hunt:sales", "hunt:evil");
        return EnvelopeCodec.Encode(envelope with { Plan = Convert.ToBase64String(Encoding.UTF8.GetBytes(plan)) });
    }
}
