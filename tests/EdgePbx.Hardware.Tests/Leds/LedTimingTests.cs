using EdgePbx.Hardware.Leds;

namespace EdgePbx.Hardware.Tests.Leds;

public sealed class LedTimingTests
{
    private static readonly LedTiming Timing = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(125));

    [Theory]
    [InlineData(0, true)]
    [InlineData(499, true)]
    [InlineData(500, false)]
    [InlineData(999, false)]
    [InlineData(1000, true)]
    public void Blink_is_lit_in_even_half_periods_and_dark_in_odd_ones(int ms, bool lit) =>
        Assert.Equal(lit, Timing.IsLit(LedPattern.Blink, TimeSpan.FromMilliseconds(ms)));

    [Theory]
    [InlineData(LedPattern.Blink, 0, 500)]
    [InlineData(LedPattern.Blink, 499, 500)]
    [InlineData(LedPattern.Blink, 500, 1000)]
    [InlineData(LedPattern.FastBlink, 130, 250)]
    public void Next_edge_is_the_end_of_the_current_half_period(LedPattern pattern, int ms, int edgeMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(edgeMs), Timing.NextEdge(pattern, TimeSpan.FromMilliseconds(ms)));

    [Theory]
    [InlineData(LedPattern.On)]
    [InlineData(LedPattern.Off)]
    public void Steady_patterns_have_no_next_edge(LedPattern pattern) =>
        Assert.Null(Timing.NextEdge(pattern, TimeSpan.FromSeconds(3)));

    [Theory]
    [InlineData(LineState.Idle, LedPattern.Off)]
    [InlineData(LineState.Ringing, LedPattern.Blink)]
    [InlineData(LineState.InCall, LedPattern.On)]
    [InlineData(LineState.Fault, LedPattern.FastBlink)]
    public void Each_line_state_has_its_pattern(LineState state, LedPattern pattern) =>
        Assert.Equal(pattern, LedTiming.ForLine(state));
}
