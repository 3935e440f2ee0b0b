namespace EdgePbx.Media.Dtmf;

/// <summary>
/// The Goertzel recurrence for one frequency: s[n] = x[n] + 2cos(w)s[n-1] - s[n-2]; the power of the
/// bin is s1² + s2² - 2cos(w)s1s2. Immutable; each call runs over one window and allocates nothing.
/// </summary>
public readonly record struct Goertzel(double Frequency, double Coefficient)
{
    public static Goertzel For(double frequency, int sampleRate) =>
        new(frequency, 2 * Math.Cos(2 * Math.PI * frequency / sampleRate));

    /// <summary>Power normalised so that a sine of amplitude A filling the window gives about A²/2 (its mean power).</summary>
    public double Power(ReadOnlySpan<float> window)
    {
        double s1 = 0, s2 = 0;
        var c = Coefficient;
        foreach (var x in window)
        {
            var s0 = x + (c * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        var raw = (s1 * s1) + (s2 * s2) - (c * s1 * s2);
        var n = window.Length;
        return 2 * raw / ((double)n * n);
    }
}
