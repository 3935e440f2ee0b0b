using System.Numerics;
using System.Runtime.InteropServices;

namespace EdgePbx.Media.Dtmf;

/// <summary>
/// The Goertzel recurrence of <see cref="Goertzel"/> for many frequencies at once: the bins sit side by side
/// in SIMD lanes and three vectors run together, so one pass over the samples feeds every bin and the
/// multiply-add chains of the recurrence overlap instead of waiting on each other. Besides the power it
/// gives the complex value y = s1 - e^(-jw)s2 = sum of x[n]e^(jw(N-1-n)), so that two consecutive blocks can
/// be joined into one longer window without running the recurrence again (see <see cref="JoinedPower"/>).
/// </summary>
internal sealed class GoertzelBank
{
    private const int VectorsPerPass = 3;

    private readonly float[] _coefficients;
    private readonly float[] _cos;
    private readonly float[] _sin;
    private readonly double[] _omega;

    public GoertzelBank(ReadOnlySpan<double> frequencies, int sampleRate)
    {
        Count = frequencies.Length;
        _omega = new double[Count];
        var step = Vector<float>.Count * VectorsPerPass;
        Padded = (Count + step - 1) / step * step;
        _coefficients = new float[Padded];
        _cos = new float[Padded];
        _sin = new float[Padded];
        for (var i = 0; i < Count; i++)
        {
            var w = 2 * Math.PI * frequencies[i] / sampleRate;
            _omega[i] = w;
            _coefficients[i] = (float)(2 * Math.Cos(w));
            _cos[i] = (float)Math.Cos(w);
            _sin[i] = (float)Math.Sin(w);
        }
    }

    /// <summary>Number of frequencies.</summary>
    public int Count { get; }

    /// <summary>Length the output spans must have (the bins rounded up to whole passes of vectors).</summary>
    public int Padded { get; }

    /// <summary>Runs the recurrence over <paramref name="samples"/> for every bin and writes y (real, imaginary).</summary>
    public void Run(ReadOnlySpan<float> samples, Span<float> real, Span<float> imaginary)
    {
        var c = MemoryMarshal.Cast<float, Vector<float>>(_coefficients.AsSpan());
        var cos = MemoryMarshal.Cast<float, Vector<float>>(_cos.AsSpan());
        var sin = MemoryMarshal.Cast<float, Vector<float>>(_sin.AsSpan());
        var re = MemoryMarshal.Cast<float, Vector<float>>(real[..Padded]);
        var im = MemoryMarshal.Cast<float, Vector<float>>(imaginary[..Padded]);
        for (var g = 0; g < c.Length; g += VectorsPerPass)
        {
            var c0 = c[g];
            var c1 = c[g + 1];
            var c2 = c[g + 2];
            Vector<float> a1 = default, a2 = default, b1 = default, b2 = default, d1 = default, d2 = default;
            foreach (var sample in samples)
            {
                var x = new Vector<float>(sample);
                var a0 = x + (c0 * a1) - a2;
                var b0 = x + (c1 * b1) - b2;
                var d0 = x + (c2 * d1) - d2;
                a2 = a1;
                a1 = a0;
                b2 = b1;
                b1 = b0;
                d2 = d1;
                d1 = d0;
            }

            re[g] = a1 - (cos[g] * a2);
            im[g] = sin[g] * a2;
            re[g + 1] = b1 - (cos[g + 1] * b2);
            im[g + 1] = sin[g + 1] * b2;
            re[g + 2] = d1 - (cos[g + 2] * d2);
            im[g + 2] = sin[g + 2] * d2;
        }
    }

    /// <summary>
    /// The twiddle e^(-jwL) per bin that joins a block of <paramref name="blockLength"/> samples to the one
    /// before it: for window = [A, B], |y_window|² = |y_A + e^(-jwL) y_B|².
    /// </summary>
    public (float[] Real, float[] Imaginary) Twiddles(int blockLength)
    {
        var real = new float[Padded];
        var imaginary = new float[Padded];
        for (var i = 0; i < Count; i++)
        {
            var w = _omega[i] * blockLength;
            real[i] = (float)Math.Cos(w);
            imaginary[i] = (float)-Math.Sin(w);
        }

        return (real, imaginary);
    }

    /// <summary>Mean-power-normalised bin power (as <see cref="Goertzel.Power"/>) of one block of n samples.</summary>
    public static double Power(float real, float imaginary, int n) => 2.0 * ((double)real * real + (double)imaginary * imaginary) / ((double)n * n);

    /// <summary>Bin power of the window made of block A followed by block B (n samples in all).</summary>
    public static double JoinedPower(float aReal, float aImaginary, float bReal, float bImaginary, float twiddleReal, float twiddleImaginary, int n)
    {
        var re = aReal + ((double)twiddleReal * bReal) - ((double)twiddleImaginary * bImaginary);
        var im = aImaginary + ((double)twiddleReal * bImaginary) + ((double)twiddleImaginary * bReal);
        return 2.0 * ((re * re) + (im * im)) / ((double)n * n);
    }
}
