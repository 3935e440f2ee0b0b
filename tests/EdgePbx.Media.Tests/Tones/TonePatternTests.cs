using EdgePbx.Media.Tones;

namespace EdgePbx.Media.Tests.Tones;

/// <summary>A tone played from a shared pattern sounds as the generator that ran a sine per sample did.</summary>
public sealed class TonePatternTests
{
    public static TheoryData<string, ToneSpec> Tones()
    {
        var data = new TheoryData<string, ToneSpec>();
        foreach (var p in new[] { CountryToneProfile.China, CountryToneProfile.NorthAmerica })
        {
            data.Add(p.Country + " dial", p.Dial);
            data.Add(p.Country + " ringback", p.Ringback);
            data.Add(p.Country + " busy", p.Busy);
            data.Add(p.Country + " congestion", p.Congestion);
        }

        data.Add("beep 1000", ToneSpec.Continuous(-10, 1000));
        data.Add("425 cadenced", ToneSpec.Cadenced(1000, 4000, -10, 425));
        data.Add("three parts", new ToneSpec([400, 450], -12, [400, 200, 400, 2000]));
        data.Add("loud 350+440", ToneSpec.Continuous(0, 350, 440));
        data.Add("fractional 437.5", ToneSpec.Cadenced(200, 200, -10, 437.5));
        data.Add("odd 1 Hz steps 401+619", ToneSpec.Continuous(-13, 401, 619));
        return data;
    }

    [Theory]
    [MemberData(nameof(Tones))]
    public void Two_minutes_of_a_tone_match_the_sine_per_sample_generator_within_one_step(string name, ToneSpec spec)
    {
        var reference = new SinePerSampleGenerator(spec);
        var generator = new ToneGenerator(new TonePatterns().For(spec));
        Span<short> expected = stackalloc short[160];
        Span<short> actual = stackalloc short[160];
        var worst = 0;
        for (var frame = 0; frame < 2 * 60 * 50; frame++)
        {
            reference.Fill(expected);
            generator.Fill(actual);
            for (var i = 0; i < 160; i++)
            {
                var difference = Math.Abs(expected[i] - actual[i]);
                worst = Math.Max(worst, difference);

                // The first second is made by the same recurrence: equal sample for sample.
                Assert.True(frame >= 50 || difference == 0, $"{name}: frame {frame} sample {i}: {actual[i]}, expected {expected[i]}");
            }
        }

        Assert.True(worst <= 1, $"{name}: differs by up to {worst}");
    }

    [Fact]
    public void Calls_playing_one_tone_share_its_pattern_and_each_starts_at_the_beginning()
    {
        var patterns = new TonePatterns();
        var ringback = CountryToneProfile.China.Ringback;
        Assert.Same(patterns.For(ringback), patterns.For(ringback));

        var first = patterns.Generator(ringback);
        var frame = new short[160];
        for (var i = 0; i < 7; i++)
        {
            first.Fill(frame);
        }

        var second = new short[160];
        var fresh = new short[160];
        patterns.Generator(ringback).Fill(second);
        new ToneGenerator(ringback).Fill(fresh);
        Assert.Equal(fresh, second);
    }

    [Fact]
    public void A_tone_of_whole_hertz_repeats_within_a_second()
    {
        Assert.Equal(160, TonePattern.Of(CountryToneProfile.China.Ringback).Period!.Length);
        Assert.Equal(200, TonePattern.Of(CountryToneProfile.NorthAmerica.Ringback).Period!.Length);
        Assert.Equal(800, TonePattern.Of(CountryToneProfile.NorthAmerica.Dial).Period!.Length);
        Assert.Equal(8000, TonePattern.Of(ToneSpec.Continuous(-13, 401, 619)).Period!.Length);
        Assert.Null(TonePattern.Of(ToneSpec.Continuous(-10, 437.5)).Period);
    }

    /// <summary>The generator as it was before patterns (a running phase and a sine per sample), kept as the reference.</summary>
    private sealed class SinePerSampleGenerator
    {
        private readonly double[] _step;
        private readonly double[] _phase;
        private readonly double _amplitude;
        private readonly int[] _cadenceSamples;
        private readonly int _cycleSamples;
        private long _position;

        public SinePerSampleGenerator(ToneSpec spec)
        {
            _step = spec.Frequencies.Select(f => 2 * Math.PI * f / 8000).ToArray();
            _phase = new double[_step.Length];
            _amplitude = 22_706 * Math.Pow(10, spec.LevelDbm0 / 20);
            _cadenceSamples = spec.CadenceMs.Select(ms => ms * 8000 / 1000).ToArray();
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
}
