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
/// Cost: the 40 bins run as one SIMD Goertzel bank over each 80-sample hop once; a window's bins are the
/// hop before joined to the hop just ended (<see cref="GoertzelBank.JoinedPower"/>), so every sample goes
/// through the recurrence once instead of twice, and hops too quiet to be part of a digit skip it.
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

    private const int Tones = 8;
    private const int BinsPerTone = 5;
    private const int NominalBins = 3;
    private static readonly double[] Frequencies = [697, 770, 852, 941, 1209, 1336, 1477, 1633];
    private static readonly double[] Offsets = [0, -0.0125, 0.0125, -0.04, 0.04];
    private const string Keys = "123A456B789C*0#D";

    // The bins and their twiddles are the same for every detector (they are only read): made once, not per call.
    private static readonly GoertzelBank Bank = new(Bins(), SampleRate);
    private static readonly float[] TwiddleReal;
    private static readonly float[] TwiddleImaginary;
    private readonly double[] _power = new double[Tones * BinsPerTone];

    // Two hops of samples and their bins: [0] the hop before, [1] the hop being filled or just ended.
    private readonly float[][] _hops = [new float[Hop], new float[Hop]];
    private readonly float[][] _real;
    private readonly float[][] _imaginary;
    private readonly bool[] _binsDone = new bool[2];
    private readonly double[] _hopEnergy = new double[2];
    private int _filled;
    private bool _haveHopBefore;

    private char _candidate;
    private int _candidateCount;
    private char _reported;
    private int _missCount;

    static DtmfDetector() => (TwiddleReal, TwiddleImaginary) = Bank.Twiddles(Hop);

    public DtmfDetector()
    {
        _real = [new float[Bank.Padded], new float[Bank.Padded]];
        _imaginary = [new float[Bank.Padded], new float[Bank.Padded]];
    }

    private static double[] Bins()
    {
        var bins = new double[Tones * BinsPerTone];
        for (var t = 0; t < Tones; t++)
        {
            for (var k = 0; k < BinsPerTone; k++)
            {
                bins[(t * BinsPerTone) + k] = Frequencies[t] * (1 + Offsets[k]);
            }
        }

        return bins;
    }

    /// <summary>Feeds samples; writes each newly detected digit to <paramref name="digits"/> and returns how many.</summary>
    public int Process(ReadOnlySpan<short> samples, Span<char> digits)
    {
        var found = 0;
        while (!samples.IsEmpty)
        {
            var take = Math.Min(Hop - _filled, samples.Length);
            var hop = _hops[1].AsSpan(_filled, take);
            double energy = 0;
            for (var i = 0; i < take; i++)
            {
                float x = samples[i];
                hop[i] = x;
                energy += x * x;
            }

            _hopEnergy[1] += energy;
            _filled += take;
            samples = samples[take..];
            if (_filled < Hop)
            {
                continue;
            }

            if (_haveHopBefore && Track(ClassifyJoined()) is { } reported && found < digits.Length)
            {
                digits[found++] = reported;
            }

            // Slide by one hop: the hop just ended becomes the one before.
            (_hops[0], _hops[1]) = (_hops[1], _hops[0]);
            (_real[0], _real[1]) = (_real[1], _real[0]);
            (_imaginary[0], _imaginary[1]) = (_imaginary[1], _imaginary[0]);
            _binsDone[0] = _binsDone[1];
            _binsDone[1] = false;
            _hopEnergy[0] = _hopEnergy[1];
            _hopEnergy[1] = 0;
            _filled = 0;
            _haveHopBefore = true;
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

        // One block the length of the window (the streaming path joins two hops instead).
        Span<float> real = stackalloc float[Bank.Padded];
        Span<float> imaginary = stackalloc float[Bank.Padded];
        Bank.Run(window, real, imaginary);
        for (var b = 0; b < _power.Length; b++)
        {
            _power[b] = GoertzelBank.Power(real[b], imaginary[b], window.Length);
        }

        return Decide(energy);
    }

    private char ClassifyJoined()
    {
        var energy = (_hopEnergy[0] + _hopEnergy[1]) / Window;
        if (energy < MinTonePower)
        {
            return '\0';
        }

        for (var h = 0; h < 2; h++)
        {
            if (!_binsDone[h])
            {
                Bank.Run(_hops[h], _real[h], _imaginary[h]);
                _binsDone[h] = true;
            }
        }

        var aRe = _real[0];
        var aIm = _imaginary[0];
        var bRe = _real[1];
        var bIm = _imaginary[1];
        for (var b = 0; b < _power.Length; b++)
        {
            _power[b] = GoertzelBank.JoinedPower(aRe[b], aIm[b], bRe[b], bIm[b], TwiddleReal[b], TwiddleImaginary[b], Window);
        }

        return Decide(energy);
    }

    /// <summary>Turns the bin powers of one window (in <see cref="_power"/>) and its mean energy into a digit.</summary>
    private char Decide(double energy)
    {
        var (row, rowPower) = Strongest(0);
        var (column, columnPower) = Strongest(4);
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
    /// The tone of a group (four tones from <paramref name="firstTone"/>) with the most power, or -1 when a
    /// ±4 % guard bin of that tone is stronger than its nominal and ±1.25 % bins (the tone is too far off
    /// nominal) or another tone of the group is within 6 dB (not a single tone).
    /// </summary>
    private (int Index, double Power) Strongest(int firstTone)
    {
        var best = -1;
        double bestPower = 0, secondPower = 0;
        for (var tone = 0; tone < 4; tone++)
        {
            var bins = _power.AsSpan((firstTone + tone) * BinsPerTone, BinsPerTone);
            var power = Math.Max(bins[0], Math.Max(bins[1], bins[2]));
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

        var winner = _power.AsSpan((firstTone + best) * BinsPerTone, BinsPerTone);
        for (var k = NominalBins; k < BinsPerTone; k++)
        {
            if (winner[k] > bestPower)
            {
                return (-1, 0);
            }
        }

        return (best, bestPower);
    }
}
