namespace EdgePbx.Media.Tones;

/// <summary>The call-progress tones a caller expects to hear in one country.</summary>
public sealed record CountryToneProfile(string Country, ToneSpec Dial, ToneSpec Ringback, ToneSpec Busy, ToneSpec Congestion)
{
    /// <summary>
    /// China (YD/T 1094, ITU-T E.180 supplement 2): all tones 450 Hz; dial continuous, ringback 1 s on / 4 s off,
    /// busy 0.35 s / 0.35 s, congestion 0.7 s / 0.7 s.
    /// </summary>
    public static CountryToneProfile China { get; } = new(
        "CN",
        ToneSpec.Continuous(-10, 450),
        ToneSpec.Cadenced(1000, 4000, -10, 450),
        ToneSpec.Cadenced(350, 350, -10, 450),
        ToneSpec.Cadenced(700, 700, -10, 450));

    /// <summary>
    /// North America (ANSI T1.401 precise tone plan): dial 350+440 continuous, ringback 440+480 2 s / 4 s,
    /// busy 480+620 0.5 s / 0.5 s, reorder (congestion) 480+620 0.25 s / 0.25 s.
    /// </summary>
    public static CountryToneProfile NorthAmerica { get; } = new(
        "US",
        ToneSpec.Continuous(-13, 350, 440),
        ToneSpec.Cadenced(2000, 4000, -19, 440, 480),
        ToneSpec.Cadenced(500, 500, -24, 480, 620),
        ToneSpec.Cadenced(250, 250, -24, 480, 620));

    public static CountryToneProfile? Find(string country) => country.ToUpperInvariant() switch
    {
        "CN" => China,
        "US" or "CA" or "NA" => NorthAmerica,
        _ => null,
    };
}
