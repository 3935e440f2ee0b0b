using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Model;

namespace EdgePbx.Routing.Tests.Evaluation;

public sealed class TariffCalculatorTests
{
    [Theory]
    [InlineData(1, 6)]
    [InlineData(6, 6)]
    [InlineData(7, 12)]
    [InlineData(61, 66)]
    public void Six_second_billing_rounds_up_to_the_next_started_6_seconds(int duration, int billed)
    {
        Assert.Equal(billed, TariffCalculator.Charge(new Tariff(PricePerMinuteFen: 12, IncrementSeconds: 6), duration).BillableSeconds);
    }

    [Theory]
    [InlineData(1, 60, 12)]
    [InlineData(60, 60, 12)]
    [InlineData(61, 120, 24)]
    public void Sixty_second_billing_charges_every_started_minute(int duration, int billed, long fen)
    {
        var charge = TariffCalculator.Charge(new Tariff(PricePerMinuteFen: 12, IncrementSeconds: 60), duration);

        Assert.Equal((billed, fen), (charge.BillableSeconds, charge.TotalFen));
    }

    [Fact]
    public void Price_of_a_partial_minute_is_rounded_up_to_a_whole_fen()
    {
        // 7 s at 6 s increments bills 12 s; 12 s at 15 fen/min is 3 fen exactly; 18 s is 4.5 -> 5.
        Assert.Equal(3, TariffCalculator.Charge(new Tariff(15, 6), 7).TotalFen);
        Assert.Equal(5, TariffCalculator.Charge(new Tariff(15, 6), 13).TotalFen);
    }

    [Fact]
    public void Charge_sharing_lets_the_caller_pay_the_local_rate_and_the_enterprise_the_rest()
    {
        var charge = TariffCalculator.Charge(new Tariff(PricePerMinuteFen: 15, IncrementSeconds: 60, ChargeSharing: true, LocalPricePerMinuteFen: 10), 150);

        Assert.Equal(new CallCharge(180, 45, 30, 15), charge);
    }

    [Fact]
    public void Without_charge_sharing_the_enterprise_pays_everything()
    {
        Assert.Equal(new CallCharge(60, 15, 0, 15), TariffCalculator.Charge(new Tariff(15, 60, false, 10), 30));
    }

    [Fact]
    public void Caller_share_never_exceeds_the_total()
    {
        var charge = TariffCalculator.Charge(new Tariff(5, 60, true, 10), 60);

        Assert.Equal((5L, 5L, 0L), (charge.TotalFen, charge.CallerFen, charge.EnterpriseFen));
    }

    [Fact]
    public void Unanswered_call_costs_nothing()
    {
        Assert.Equal(new CallCharge(0, 0, 0, 0), TariffCalculator.Charge(new Tariff(15, 6), 0));
    }
}
