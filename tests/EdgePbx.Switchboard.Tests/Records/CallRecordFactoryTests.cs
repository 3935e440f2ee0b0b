using EdgePbx.Routing.Model;
using EdgePbx.Switchboard.Records;

namespace EdgePbx.Switchboard.Tests.Records;

public sealed class CallRecordFactoryTests
{
    private static readonly Tariff SixSecondBilling = new(PricePerMinuteFen: 12, IncrementSeconds: 6);
    private static readonly DateTimeOffset Answer = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(999, 6, 0.02)]      // a talk that ends a millisecond short of 1 s is still one increment
    [InlineData(1, 6, 0.02)]
    [InlineData(6000, 6, 0.02)]
    [InlineData(6001, 12, 0.03)]
    [InlineData(0, 0, 0)]
    public void A_started_second_of_talk_is_billed(int talkMs, int billedSeconds, decimal charge)
    {
        var (billed, total) = CallRecordFactory.Charge(SixSecondBilling, Answer, Answer.AddMilliseconds(talkMs));

        Assert.Equal((TimeSpan.FromSeconds(billedSeconds), charge), (billed, total));
    }

    [Fact]
    public void An_unanswered_call_costs_nothing() =>
        Assert.Equal((TimeSpan.Zero, 0m), CallRecordFactory.Charge(SixSecondBilling, null, Answer));
}
