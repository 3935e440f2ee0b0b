namespace EdgePbx.Media.Dtmf;

/// <summary>
/// In-band DTMF detector for 8 kHz audio aimed at ITU-T Q.24: accept ±1.5 % of nominal frequency,
/// reject beyond ±3.5 %, normal twist to 8 dB and reverse twist to 4 dB, 40 ms tones with 40 ms pauses,
/// 15 dB SNR. Windows of 160 samples (20 ms) are analysed every 80 samples, so a 40 ms tone fills at
/// least two whole windows and a 40 ms pause at least two as well; a digit is reported after two windows
/// agree and ends after two windows that do not hold it.
/// </summary>
/// <remarks>
/// Frequency tolerance: each tone has a bin at nominal, two at ±1.25 % (to keep level when the tone is
/// off nominal) and two guard bins at ±4 %. A tone whose strongest bin is a guard is out of tolerance; the
/// decision point lies half way, near ±2.6 %, inside the band Q.24 leaves to the implementer.
/// </remarks>
public sealed class DtmfDetector
{
    public const int SampleRate = 8000;
    private const int Window = 160;
    private const int Hop = 80;
    private const double NormalTwistDb = 9;
    private const double ReverseTwistDb = 5;

    // -36 dBm0 per tone as amplitude, then as mean power (A²/2); 0 dBm0 is a sine of amplitude ~22,700 in G.711.
    private const double MinTonePower = 360.0 * 360.0 / 2;

    // The two tones must carry this share of the window's energy (speech spreads over many frequencies).
    private const double MinToneShare = 0.6;

    private static readonly double[] Rows = [697, 770, 852, 941];
    private static readonly double[] Columns = [1209, 1336, 1477, 1633];
    private static readonly double[] Offsets = [0, -0.0125, 0.0125, -0.04, 0.04];
    private const string Keys = "123A456B789C*0#D";

    private readonly Goertzel[] _rowBins;
    private readonly Goertzel[] _columnBins;
    private readonly float[] _history = new float[Window];
    private int _filled;
    private char _candidate;
    private int _candidateCount;
    private char _reported;
    private int _missCount;

    public DtmfDetector()
    {
        _rowBins = Bins(Rows);
        _columnBins = Bins(Columns);
    }

    /// <summary>Feeds samples; writes each newly detected digit to <paramref name="digits"/> and returns how many.</summary>
    public int Process(ReadOnlySpan<short> samples, Span<char> digits)
    {
        var found = 0;
        foreach (var sample in samples)
        {
            _history[_filled++] = sample;
            if (_filled < Window)
            {
                continue;
            }

            var digit = Classify(_history);
            if (Track(digit) is { } reported && found < digits.Length)
            {
                digits[found++] = reported;
            }

            // Slide by one hop: keep the newest half of the window.
            Array.Copy(_history, Hop, _history, 0, Window - Hop);
            _filled = Window - Hop;
        }

        return found;
    }

    /// <summary>The digit (or '\0') that one window holds; exposed for benchmarks and tests of single windows.</summary>
    public char Classify(ReadOnlySpan<float> window)
    {
        double energy = 0;
        foreach (var x in window)
        {
            energy += x * x;
        }

        energy /= window.Length;
        if (energy < MinTonePower)
        {
            return '\0';
        }

        var (row, rowPower) = Strongest(_rowBins, window);
        var (column, columnPower) = Strongest(_columnBins, window);
        if (row < 0 || column < 0 || rowPower < MinTonePower || columnPower < MinTonePower)
        {
            return '\0';
        }

        // Twist: columns (high group) may be up to 8 dB above rows, rows up to 4 dB above columns.
        var twistDb = 10 * Math.Log10(columnPower / rowPower);
        if (twistDb > NormalTwistDb || twistDb < -ReverseTwistDb)
        {
            return '\0';
        }

        if (rowPower + columnPower < MinToneShare * energy)
        {
            return '\0';
        }

        return Keys[(row * 4) + column];
    }

    private char? Track(char digit)
    {
        if (digit != '\0' && digit == _candidate)
        {
            _candidateCount++;
        }
        else
        {
            _candidate = digit;
            _candidateCount = digit == '\0' ? 0 : 1;
        }

        if (_reported != '\0')
        {
            _missCount = digit == _reported ? 0 : _missCount + 1;
            if (_missCount >= 2)
            {
                _reported = '\0';
                _missCount = 0;
            }
        }

        if (_reported == '\0' && _candidate != '\0' && _candidateCount >= 2)
        {
            _reported = _candidate;
            _missCount = 0;
            return _reported;
        }

        return null;
    }

    /// <summary>
    /// The tone of a group with the most power, or -1 when a ±4 % guard bin of that tone is stronger than
    /// its nominal and ±1.25 % bins (the tone is too far off nominal) or another tone of the group is within
    /// 6 dB (not a single tone). Guards are computed for the winner only, which keeps the cost down.
    /// </summary>
    private static (int Index, double Power) Strongest(Goertzel[] bins, ReadOnlySpan<float> window)
    {
        var best = -1;
        double bestPower = 0, secondPower = 0;
        for (var tone = 0; tone < bins.Length / Offsets.Length; tone++)
        {
            double power = 0;
            for (var k = 0; k < 3; k++)
            {
                power = Math.Max(power, bins[(tone * Offsets.Length) + k].Power(window));
            }

            if (power > bestPower)
            {
                secondPower = bestPower;
                bestPower = power;
                best = tone;
            }
            else if (power > secondPower)
            {
                secondPower = power;
            }
        }

        if (best < 0 || secondPower * 4 > bestPower)
        {
            return (-1, 0);
        }

        for (var k = 3; k < Offsets.Length; k++)
        {
            if (bins[(best * Offsets.Length) + k].Power(window) > bestPower)
            {
                return (-1, 0);
            }
        }

        return (best, bestPower);
    }

    private static Goertzel[] Bins(double[] tones)
    {
        var bins = new Goertzel[tones.Length * Offsets.Length];
        for (var t = 0; t < tones.Length; t++)
        {
            for (var k = 0; k < Offsets.Length; k++)
            {
                bins[(t * Offsets.Length) + k] = Goertzel.For(tones[t] * (1 + Offsets[k]), SampleRate);
            }
        }

        return bins;
    }
}
