using EdgePbx.Media.Dtmf;
using EdgePbx.Media.Tones;

namespace EdgePbx.Media.Tests.Tones;

public sealed class ToneGeneratorTests
{
    /// <summary>Generates in 20 ms frames and returns, per frame, whether it was on (audible) or off.</summary>
    private static (bool[] On, short[] Pcm) Frames(ToneSpec spec, int ms)
    {
        var generator = new ToneGenerator(spec);
        var pcm = new short[ms * 8];
        for (var i = 0; i < pcm.Length; i += 160)
        {
            generator.Fill(pcm.AsSpan(i, 160));
        }

        var on = new bool[pcm.Length / 160];
        for (var f = 0; f < on.Length; f++)
        {
            on[f] = pcm.AsSpan(f * 160, 160).ToArray().Any(s => Math.Abs((int)s) > 100);
        }

        return (on, pcm);
    }

    private static void AssertCadence(bool[] on, int onMs, int offMs)
    {
        for (var f = 0; f < on.Length; f++)
        {
            var t = (f * 20) % (onMs + offMs);
            Assert.True(on[f] == (t < onMs), $"frame at {f * 20} ms should be {(t < onMs ? "on" : "off")}");
        }
    }

    private static double Share(short[] pcm, int offset, params double[] frequencies)
    {
        var window = pcm.AsSpan(offset, 800).ToArray().Select(s => (float)s).ToArray();
        var energy = window.Sum(x => (double)x * x) / window.Length;
        return frequencies.Sum(f => Goertzel.For(f, 8000).Power(window)) / energy;
    }

    [Fact]
    public void China_ringback_is_450_hz_one_second_on_four_off()
    {
        var (on, pcm) = Frames(CountryToneProfile.China.Ringback, 10_000);

        AssertCadence(on, 1000, 4000);
        Assert.True(Share(pcm, 800, 450) > 0.95);
    }

    [Fact]
    public void China_busy_is_450_hz_350_ms_on_350_off()
    {
        var (on, pcm) = Frames(CountryToneProfile.China.Busy, 2800);

        // 350 ms is not a whole number of 20 ms frames; check the frames wholly inside each part.
        for (var f = 0; f < on.Length; f++)
        {
            var start = (f * 20) % 700;
            if (start + 20 <= 350)
            {
                Assert.True(on[f]);
            }
            else if (start >= 350 && start + 20 <= 700)
            {
                Assert.False(on[f]);
            }
        }

        Assert.True(Share(pcm, 160, 450) > 0.95);
    }

    [Fact]
    public void North_america_ringback_is_440_plus_480_two_seconds_on_four_off()
    {
        var (on, pcm) = Frames(CountryToneProfile.NorthAmerica.Ringback, 12_000);

        AssertCadence(on, 2000, 4000);
        Assert.True(Share(pcm, 1600, 440, 480) > 0.9);
    }

    [Fact]
    public void North_america_busy_is_480_plus_620_half_second_cadence()
    {
        var (on, pcm) = Frames(CountryToneProfile.NorthAmerica.Busy, 3000);

        AssertCadence(on, 500, 500);
        Assert.True(Share(pcm, 320, 480, 620) > 0.9);
    }

    [Fact]
    public void Congestion_is_faster_than_busy_in_both_profiles()
    {
        AssertCadence(Frames(CountryToneProfile.China.Congestion, 2800).On, 700, 700);
        AssertCadence(Frames(CountryToneProfile.NorthAmerica.Congestion, 2000).On, 250, 250);
    }

    [Fact]
    public void Tone_level_matches_the_spec_in_dbm0()
    {
        var (_, pcm) = Frames(ToneSpec.Continuous(-10, 1000), 200);
        var rms = Math.Sqrt(pcm.Average(s => (double)s * s));

        // A sine's RMS is its amplitude over sqrt(2); -10 dBm0 amplitude is 22,706 * 10^(-0.5).
        Assert.InRange(20 * Math.Log10(rms * Math.Sqrt(2) / 22_706), -10.2, -9.8);
    }

    [Fact]
    public void Unknown_country_has_no_profile()
    {
        Assert.Null(CountryToneProfile.Find("ZZ"));
        Assert.Same(CountryToneProfile.China, CountryToneProfile.Find("cn"));
    }

    [Fact]
    public void Comfort_noise_has_the_requested_rms_level()
    {
        var noise = new ComfortNoiseGenerator(-50, 7);
        var pcm = new short[8000];
        noise.Fill(pcm);
        var rms = Math.Sqrt(pcm.Average(s => (double)s * s));

        Assert.InRange(20 * Math.Log10(rms / 32767), -51, -49);
    }

    [Fact]
    public void Generating_frames_allocates_nothing()
    {
        var tone = new ToneGenerator(CountryToneProfile.NorthAmerica.Ringback);
        var noise = new ComfortNoiseGenerator(-60, 1);
        Span<short> frame = stackalloc short[160];
        tone.Fill(frame);
        noise.Fill(frame);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 500; i++)
        {
            tone.Fill(frame);
            noise.Fill(frame);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
