using EdgePbx.Media.Fax;

namespace EdgePbx.Media.Tests.Fax;

public sealed class FaxToneDetectorTests
{
    /// <summary>Feeds 20 ms frames and returns each reported tone with the time (ms) of the frame that reported it.</summary>
    private static List<(FaxTone Tone, int AtMs)> Run(short[] pcm)
    {
        var detector = new FaxToneDetector();
        var found = new List<(FaxTone, int)>();
        for (var i = 0; i < pcm.Length; i += 160)
        {
            var tone = detector.Process(pcm.AsSpan(i, Math.Min(160, pcm.Length - i)));
            if (tone != FaxTone.None)
            {
                found.Add((tone, (i + 160) / 8));
            }
        }

        return found;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.015)]
    [InlineData(-0.015)]
    public void Cng_is_reported_once_within_the_first_half_second_burst(double offset)
    {
        var signal = new Signals().Silence(113);
        for (var burst = 0; burst < 3; burst++)
        {
            signal.Tone(500, (1100 * (1 + offset), -20)).Silence(3000);
        }

        var found = Run(signal.ToPcm());

        var (tone, at) = Assert.Single(found);
        Assert.Equal(FaxTone.Cng, tone);
        Assert.InRange(at, 113, 113 + 500);
    }

    [Fact]
    public void Cng_at_15_db_snr_is_reported_within_the_burst()
    {
        var signal = new Signals().Silence(40).Tone(500, (1100, -20)).Silence(500);
        var found = Run(signal.NoiseAtSnr(15, Math.Pow(Signals.Amplitude(-20), 2) / 2).ToPcm());

        Assert.Equal(FaxTone.Cng, Assert.Single(found).Tone);
        Assert.InRange(found[0].AtMs, 40, 540);
    }

    [Fact]
    public void Ced_is_reported_after_half_a_second_of_2100_hz()
    {
        var found = Run(new Signals().Silence(60).Tone(3000, (2100, -15)).ToPcm());

        var (tone, at) = Assert.Single(found);
        Assert.Equal(FaxTone.Ced, tone);
        Assert.InRange(at, 560, 700);
    }

    [Fact]
    public void Ans_with_phase_reversals_every_450_ms_is_still_ced()
    {
        // V.25/V.8 ANSam: 2100 Hz with a 180 degree phase reversal every 450 ms.
        var pcm = new short[8000 * 3];
        var amplitude = Signals.Amplitude(-15);
        for (var i = 0; i < pcm.Length; i++)
        {
            var phase = (i / 3600) % 2 == 0 ? 0 : Math.PI;
            pcm[i] = (short)(amplitude * Math.Sin((2 * Math.PI * 2100 * i / 8000.0) + phase));
        }

        Assert.Equal(FaxTone.Ced, Assert.Single(Run(pcm)).Tone);
    }

    [Fact]
    public void Short_1100_hz_blip_and_other_frequencies_are_not_fax()
    {
        var signal = new Signals().Tone(200, (1100, -10)).Silence(500).Tone(1000, (1300, -10)).Tone(1000, (1800, -10)).Tone(2000, (440, -10), (480, -10));

        Assert.Empty(Run(signal.ToPcm()));
    }

    [Theory]
    [InlineData("en", ToolAudio.English)]
    [InlineData("cmn", ToolAudio.Mandarin)]
    public void Espeak_speech_is_not_taken_for_fax(string voice, string text)
    {
        if (!ExternalTool.Available("espeak-ng") || !ExternalTool.Available("sox"))
        {
            return;
        }

        Assert.Empty(Run(ToolAudio.Speech(voice, text)));
    }

    [Fact]
    public void Sox_generated_cng_cadence_is_detected()
    {
        if (!ExternalTool.Available("sox"))
        {
            return;
        }

        var pcm = ToolAudio.Sox("synth 0.5 sine 1100 vol -20dB pad 0.2 3");

        Assert.Equal(FaxTone.Cng, Assert.Single(Run(pcm)).Tone);
    }
}
