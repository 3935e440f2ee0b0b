namespace EdgePbx.Media.Tones;

/// <summary>
/// A call-progress tone: one or two frequencies at a level per frequency, and a cadence of on/off durations
/// in milliseconds that repeats (an empty cadence means continuous).
/// </summary>
public sealed record ToneSpec(IReadOnlyList<double> Frequencies, double LevelDbm0, IReadOnlyList<int> CadenceMs)
{
    public static ToneSpec Continuous(double levelDbm0, params double[] frequencies) => new(frequencies, levelDbm0, []);

    public static ToneSpec Cadenced(int onMs, int offMs, double levelDbm0, params double[] frequencies) =>
        new(frequencies, levelDbm0, [onMs, offMs]);
}
