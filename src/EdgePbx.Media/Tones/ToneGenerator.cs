namespace EdgePbx.Media.Tones;

/// <summary>
/// Plays one <see cref="ToneSpec"/> as 8 kHz linear samples, continuing phase and cadence from one call
/// of <see cref="Fill"/> to the next so 20 ms frames join without clicks. Allocation-free after construction.
/// </summary>
public sealed class ToneGenerator
{
    private const int Rate = 8000;
    private const double ZeroDbm0Amplitude = 22_706;

    private readonly double[] _step;
    private readonly double[] _phase;
    private readonly double _amplitude;
    private readonly int[] _cadenceSamples;
    private readonly int _cycleSamples;
    private long _position;

    public ToneGenerator(ToneSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _step = spec.Frequencies.Select(f => 2 * Math.PI * f / Rate).ToArray();
        _phase = new double[_step.Length];
        _amplitude = ZeroDbm0Amplitude * Math.Pow(10, spec.LevelDbm0 / 20);
        _cadenceSamples = spec.CadenceMs.Select(ms => ms * Rate / 1000).ToArray();
        _cycleSamples = _cadenceSamples.Sum();
    }

    public void Fill(Span<short> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var on = IsOn(_position++);
            double v = 0;
            for (var k = 0; k < _step.Length; k++)
            {
                if (on)
                {
                    v += Math.Sin(_phase[k]);
                }

                // Phase keeps running through the off part so a cadence restarts cleanly.
                _phase[k] += _step[k];
                if (_phase[k] > 2 * Math.PI)
                {
                    _phase[k] -= 2 * Math.PI;
                }
            }

            destination[i] = (short)Math.Clamp(v * _amplitude, short.MinValue, short.MaxValue);
        }
    }

    private bool IsOn(long position)
    {
        if (_cycleSamples == 0)
        {
            return true;
        }

        var t = position % _cycleSamples;

        // Even entries of the cadence are "on", odd entries "off".
        for (var i = 0; i < _cadenceSamples.Length; i++)
        {
            if (t < _cadenceSamples[i])
            {
                return i % 2 == 0;
            }

            t -= _cadenceSamples[i];
        }

        return false;
    }
}
