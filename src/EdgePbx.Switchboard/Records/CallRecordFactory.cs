using System.Collections.Immutable;
using EdgePbx.Media.Rtp;
using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Model;
using EdgePbx.Storage.CallRecords;

namespace EdgePbx.Switchboard.Records;

/// <summary>Assembles the one record of a finished call (legs, outcome, billed time and charge).</summary>
internal static class CallRecordFactory
{
    /// <summary>
    /// The charge is the tariff's total for the talk time (answer to end) in yuan: the plan prices in fen,
    /// the record keeps the currency unit to the thousandth.
    /// </summary>
    public static (TimeSpan Billed, decimal Charge) Charge(Tariff? tariff, DateTimeOffset? answer, DateTimeOffset end)
    {
        if (tariff is null || answer is not { } a)
        {
            return (TimeSpan.Zero, 0m);
        }

        // A started second is a second of talk: a timer that ends the call at 1 s may fire a millisecond
        // before the clock says 1 s, and truncating would bill that call as if it had never been answered.
        var talkSeconds = (int)Math.Ceiling(Math.Max(0, (end - a).TotalSeconds));
        var charge = TariffCalculator.Charge(tariff, talkSeconds);
        return (TimeSpan.FromSeconds(charge.BillableSeconds), charge.TotalFen / 100m);
    }

    /// <summary>RFC 3550 6.4.1 fraction lost (1/256) as per mille; jitter from 8 kHz timestamp units.</summary>
    public static MediaQuality Quality(RtcpReportBlock block) =>
        new(block.FractionLost * 1000 / 256, TimeSpan.FromTicks((long)block.Jitter * TimeSpan.TicksPerMillisecond / 8));

    public static ImmutableArray<CallLeg> Legs(CallLeg inbound, IEnumerable<CallLeg> outbound) => [inbound, .. outbound];
}
