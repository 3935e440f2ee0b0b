using EdgePbx.Media.Rtp;

namespace EdgePbx.Media.Tests.Rtp;

public sealed class RtpSourceStatisticsTests
{
    private static RtpSourceStatistics Validated(ushort first)
    {
        var stats = new RtpSourceStatistics();

        // RFC 3550 A.1: MIN_SEQUENTIAL (2) in-order packets before the source is valid.
        Assert.False(stats.UpdateSequence(first));
        Assert.True(stats.UpdateSequence((ushort)(first + 1)));
        return stats;
    }

    [Fact]
    public void A1_source_becomes_valid_after_two_sequential_packets_and_counts_from_the_second()
    {
        var stats = Validated(100);

        Assert.Equal(1u, stats.Received);
        Assert.Equal(1u, stats.Expected);
        Assert.Equal(0, stats.CumulativeLost);
    }

    [Fact]
    public void A1_probation_restarts_when_the_second_packet_is_not_sequential()
    {
        var stats = new RtpSourceStatistics();

        Assert.False(stats.UpdateSequence(10));
        Assert.False(stats.UpdateSequence(50));
        Assert.True(stats.UpdateSequence(51));
    }

    [Fact]
    public void A3_lost_packets_show_as_cumulative_loss_and_fraction_lost_over_256()
    {
        var stats = Validated(0);
        for (ushort seq = 2; seq < 101; seq++)
        {
            if (seq % 4 != 2)
            {
                stats.UpdateSequence(seq);
            }
        }

        // Expected 1..100 = 100 packets; the 25 numbers 2, 6, ..., 98 are missing.
        Assert.Equal(100u, stats.Expected);
        Assert.Equal(25, stats.CumulativeLost);
        Assert.Equal(64, stats.TakeFractionLost());

        // The next interval has no loss.
        for (ushort seq = 101; seq < 111; seq++)
        {
            stats.UpdateSequence(seq);
        }

        Assert.Equal(0, stats.TakeFractionLost());
    }

    [Fact]
    public void A1_sequence_wrap_increments_cycles_in_the_extended_highest_sequence()
    {
        var stats = Validated(65534);
        stats.UpdateSequence(0);
        stats.UpdateSequence(1);

        Assert.Equal(0x1_0001u, stats.ExtendedHighestSequence);
        Assert.Equal(0, stats.CumulativeLost);
    }

    [Fact]
    public void A1_large_jump_is_dropped_once_and_accepted_as_a_restart_when_the_next_is_sequential()
    {
        var stats = Validated(1000);

        Assert.False(stats.UpdateSequence(30000));
        Assert.True(stats.UpdateSequence(30001));
        Assert.Equal(30001u, stats.ExtendedHighestSequence);
    }

    [Fact]
    public void A1_duplicates_count_as_received_and_make_loss_negative()
    {
        var stats = Validated(10);
        stats.UpdateSequence(12);
        stats.UpdateSequence(12);

        // Expected 11..12 = 2, received 3.
        Assert.Equal(-1, stats.CumulativeLost);
    }

    [Fact]
    public void A8_jitter_is_zero_when_packets_arrive_exactly_on_their_timestamps()
    {
        var stats = new RtpSourceStatistics();
        for (uint i = 0; i < 50; i++)
        {
            stats.UpdateJitter(1000 + (i * 160), i * 160);
        }

        Assert.Equal(0u, stats.Jitter);
    }

    [Fact]
    public void A8_jitter_follows_the_appendix_recurrence_J_plus_abs_D_minus_J_over_16()
    {
        // Alternate arrivals 40 samples early and late: |D| = 80 after the first pair.
        var stats = new RtpSourceStatistics();
        double reference = 0;
        int? previousTransit = null;
        for (uint i = 0; i < 200; i++)
        {
            var offset = i % 2 == 0 ? 40 : -40;
            var arrival = (uint)(5000 + (i * 160) + offset);
            stats.UpdateJitter(arrival, i * 160);
            var transit = (int)(arrival - (i * 160));
            if (previousTransit is { } p)
            {
                reference += (Math.Abs(transit - p) - reference) / 16.0;
            }

            previousTransit = transit;
        }

        // The floating-point form of A.8 converges on 80; the integer form reports within one unit of it.
        Assert.InRange(stats.Jitter, (uint)Math.Floor(reference) - 1, (uint)Math.Ceiling(reference) + 1);
        Assert.InRange(reference, 79.0, 80.0);
    }
}
