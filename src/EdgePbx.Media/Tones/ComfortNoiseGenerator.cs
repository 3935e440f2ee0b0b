namespace EdgePbx.Media.Tones;

/// <summary>
/// White comfort noise at a level in dBov (RFC 3389 expresses CN levels as -dBov), so a held or muted
/// caller hears a live line instead of dead silence. The random source is per instance and seedable for tests.
/// </summary>
public sealed class ComfortNoiseGenerator(double levelDbov, int seed)
{
    private readonly Random _random = new(seed);

    // RMS of a full-scale square wave is 0 dBov; uniform noise in [-a, a] has RMS a/sqrt(3).
    private readonly double _peak = 32767 * Math.Pow(10, levelDbov / 20) * Math.Sqrt(3);

    public void Fill(Span<short> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (short)Math.Clamp(((_random.NextDouble() * 2) - 1) * _peak, short.MinValue, short.MaxValue);
        }
    }

    /// <summary>Digital silence in linear PCM (the G.711 silence code comes from encoding it).</summary>
    public static void FillSilence(Span<short> destination) => destination.Clear();
}
