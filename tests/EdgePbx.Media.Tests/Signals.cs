namespace EdgePbx.Media.Tests;

/// <summary>Test signal builder at 8 kHz: sums of sines, silence and seeded Gaussian noise.</summary>
internal sealed class Signals
{
    public const int Rate = 8000;

    // 0 dBm0 for G.711 is a sine of about this amplitude (3.17 dB below full scale).
    public const double ZeroDbm0 = 22_706;

    private readonly List<double> _samples = [];
    private readonly Random _random = new(1234);

    public static double Amplitude(double dbm0) => ZeroDbm0 * Math.Pow(10, dbm0 / 20);

    public Signals Tone(double milliseconds, params (double Frequency, double Dbm0)[] tones)
    {
        var count = (int)(milliseconds * Rate / 1000);
        var start = _samples.Count;
        for (var i = 0; i < count; i++)
        {
            double v = 0;
            foreach (var (f, level) in tones)
            {
                v += Amplitude(level) * Math.Sin(2 * Math.PI * f * (start + i) / Rate);
            }

            _samples.Add(v);
        }

        return this;
    }

    public Signals Silence(double milliseconds) => Tone(milliseconds);

    /// <summary>Adds white Gaussian noise at a level relative to the mean power of everything non-silent so far.</summary>
    public Signals NoiseAtSnr(double snrDb, double signalPower)
    {
        var sigma = Math.Sqrt(signalPower / Math.Pow(10, snrDb / 10));
        for (var i = 0; i < _samples.Count; i++)
        {
            var u1 = 1.0 - _random.NextDouble();
            var u2 = _random.NextDouble();
            _samples[i] += sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        return this;
    }

    public short[] ToPcm() => _samples.Select(v => (short)Math.Clamp(Math.Round(v), short.MinValue, short.MaxValue)).ToArray();
}
