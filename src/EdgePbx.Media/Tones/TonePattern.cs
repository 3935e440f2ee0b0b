namespace EdgePbx.Media.Tones;

/// <summary>
/// What a <see cref="ToneSpec"/> sounds like, worked out once and only read afterwards, so that every call
/// playing the tone shares it: the cadence in samples and, when the tone repeats within a second, one period
/// of its waveform as 16-bit samples (no sine per sample per call).
/// </summary>
/// <remarks>
/// A frequency of a whole number of hertz repeats after 8000 / gcd(f, 8000) samples, a divisor of 8000, so a
/// tone of such frequencies repeats within one second (450 Hz: 160 samples; 440 + 480 Hz: 200; 350 + 440 Hz:
/// 800). The period is made with the same phase recurrence <see cref="ToneGenerator"/> runs, so its first
/// second is sample for sample what a generator of its own gives; later samples can differ from one by the
/// rounding drift of its running phase, at most one step of the 16-bit scale. A tone with a fractional
/// frequency has no such period and is computed sample by sample, as before.
/// </remarks>
public sealed class TonePattern
{
    internal const int Rate = 8000;
    private const double ZeroDbm0Amplitude = 22_706;

    private TonePattern(ToneSpec spec)
    {
        Steps = new double[spec.Frequencies.Count];
        for (var k = 0; k < Steps.Length; k++)
        {
            Steps[k] = 2 * Math.PI * spec.Frequencies[k] / Rate;
        }

        Amplitude = ZeroDbm0Amplitude * Math.Pow(10, spec.LevelDbm0 / 20);
        CadenceSamples = new int[spec.CadenceMs.Count];
        for (var i = 0; i < CadenceSamples.Length; i++)
        {
            CadenceSamples[i] = spec.CadenceMs[i] * Rate / 1000;
            CycleSamples += CadenceSamples[i];
        }

        if (PeriodOf(spec.Frequencies) is { } period)
        {
            Period = new short[period];
            var phase = new double[Steps.Length];
            for (var i = 0; i < Period.Length; i++)
            {
                Period[i] = Sample(Steps, phase, Amplitude, on: true);
            }
        }
    }

    /// <summary>Phase advance per sample of each frequency, in radians.</summary>
    internal double[] Steps { get; }

    internal double Amplitude { get; }

    /// <summary>The cadence's parts in samples: even entries on, odd entries off.</summary>
    internal int[] CadenceSamples { get; }

    /// <summary>Samples in one cadence cycle; 0 for a continuous tone.</summary>
    internal int CycleSamples { get; }

    /// <summary>One period of the tone while on; null when it has none within a second.</summary>
    internal short[]? Period { get; }

    public static TonePattern Of(ToneSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new TonePattern(spec);
    }

    /// <summary>Whether the cadence is on at <paramref name="position"/> (samples since the tone began).</summary>
    internal bool IsOn(long position)
    {
        if (CycleSamples == 0)
        {
            return true;
        }

        var t = position % CycleSamples;
        for (var i = 0; i < CadenceSamples.Length; i++)
        {
            if (t < CadenceSamples[i])
            {
                return i % 2 == 0;
            }

            t -= CadenceSamples[i];
        }

        return false;
    }

    /// <summary>
    /// One sample of the sum of the tones at <paramref name="phase"/>, which it then advances; the phase keeps
    /// running through the off part so a cadence restarts cleanly.
    /// </summary>
    internal static short Sample(double[] steps, double[] phase, double amplitude, bool on)
    {
        double v = 0;
        for (var k = 0; k < steps.Length; k++)
        {
            if (on)
            {
                v += Math.Sin(phase[k]);
            }

            phase[k] += steps[k];
            if (phase[k] > 2 * Math.PI)
            {
                phase[k] -= 2 * Math.PI;
            }
        }

        return (short)Math.Clamp(v * amplitude, short.MinValue, short.MaxValue);
    }

    private static int? PeriodOf(IReadOnlyList<double> frequencies)
    {
        var period = 1;
        foreach (var f in frequencies)
        {
            if (f != Math.Floor(f) || f <= 0 || f >= Rate)
            {
                return null;
            }

            var own = Rate / Gcd((int)f, Rate);
            period = period / Gcd(period, own) * own;
        }

        return period;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
