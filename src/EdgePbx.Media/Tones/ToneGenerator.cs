namespace EdgePbx.Media.Tones;

/// <summary>
/// Plays one tone as 8 kHz linear samples, continuing phase and cadence from one call of <see cref="Fill"/>
/// to the next so 20 ms frames join without clicks. Allocation-free after construction. Its
/// <see cref="TonePattern"/> may be shared by every call playing the tone; the generator itself is only where
/// this call is in it.
/// </summary>
public sealed class ToneGenerator
{
    private readonly TonePattern _pattern;

    // The running phase of each frequency, for a tone without a whole period (fractional hertz) only.
    private readonly double[]? _phase;
    private long _position;

    public ToneGenerator(ToneSpec spec)
        : this(TonePattern.Of(spec))
    {
    }

    public ToneGenerator(TonePattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        _pattern = pattern;
        _phase = pattern.Period is null ? new double[pattern.Steps.Length] : null;
    }

    public void Fill(Span<short> destination)
    {
        var pattern = _pattern;
        if (pattern.Period is { } period)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                var at = _position++;
                destination[i] = pattern.IsOn(at) ? period[(int)(at % period.Length)] : (short)0;
            }

            return;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = TonePattern.Sample(pattern.Steps, _phase!, pattern.Amplitude, pattern.IsOn(_position++));
        }
    }
}
