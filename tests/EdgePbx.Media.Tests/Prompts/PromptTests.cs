using EdgePbx.Media.Codecs;
using EdgePbx.Media.Prompts;
using EdgePbx.Media.Sdp;
using NAudio.Wave;

namespace EdgePbx.Media.Tests.Prompts;

public sealed class PromptTests
{
    private static string SoxWav(string arguments)
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgepbx-prompt-{Guid.NewGuid():N}.wav");
        ExternalTool.Run("sox", $"-n {arguments} {path} synth 0.25 sine 600 vol -6dB");
        return path;
    }

    [Fact]
    public void Sox_8khz_16_bit_wav_loads_as_the_g711_of_its_samples()
    {
        if (!ExternalTool.Available("sox"))
        {
            return;
        }

        var path = SoxWav("-r 8000 -c 1 -b 16 -e signed");
        try
        {
            var result = WavPromptLoader.Load(path, AudioCodec.Pcma);

            Assert.True(result.Success, result.Error);
            using var reader = new WaveFileReader(path);
            var bytes = new byte[reader.Length];
            reader.ReadExactly(bytes);
            var samples = new short[bytes.Length / 2];
            Buffer.BlockCopy(bytes, 0, samples, 0, bytes.Length);
            var expected = new byte[samples.Length];
            G711.Encode(AudioCodec.Pcma, samples, expected);
            Assert.Equal(expected, result.Audio!.Encoded.ToArray());
            Assert.Equal(2000, result.Audio.Encoded.Length);
            Assert.Equal(13, result.Audio.FrameCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Sox_mu_law_wav_is_transcoded_to_the_legs_a_law()
    {
        if (!ExternalTool.Available("sox"))
        {
            return;
        }

        var path = SoxWav("-r 8000 -c 1 -e u-law");
        try
        {
            var result = WavPromptLoader.Load(path, AudioCodec.Pcma);

            Assert.True(result.Success, result.Error);
            Assert.Equal(2000, result.Audio!.Encoded.Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("-r 8000 -c 1 -e ima-adpcm", "not supported")]
    [InlineData("-r 8000 -c 1 -e gsm-full-rate", "not supported")]
    [InlineData("-r 8000 -c 4 -b 16 -e signed", "4 channel")]
    public void Other_wav_formats_are_refused_with_a_message_naming_the_format(string arguments, string expected)
    {
        if (!ExternalTool.Available("sox"))
        {
            return;
        }

        var path = SoxWav(arguments);
        try
        {
            var result = WavPromptLoader.Load(path, AudioCodec.Pcmu);

            Assert.False(result.Success);
            Assert.Contains(expected, result.Error, StringComparison.Ordinal);
            Assert.Contains("8000 Hz mono 16-bit", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Share of a decoded prompt's energy (middle 0.15 s) in the bin of one frequency.</summary>
    private static (double Share, double Rms) Tone(PromptAudio prompt, double frequency)
    {
        var pcm = new short[prompt.Encoded.Length];
        G711.Decode(prompt.Codec, prompt.Encoded.Span, pcm);
        var middle = pcm.AsSpan(400, 1200).ToArray().Select(x => (float)x).ToArray();
        var energy = middle.Average(x => (double)x * x);
        return (Media.Dtmf.Goertzel.For(frequency, 8000).Power(middle) / energy, Math.Sqrt(energy));
    }

    [Theory]
    [InlineData("-r 16000 -c 1 -b 16 -e signed")]
    [InlineData("-r 44100 -c 2 -b 16 -e signed")]
    [InlineData("-r 22050 -c 1 -b 24 -e signed")]
    [InlineData("-r 48000 -c 1 -b 32 -e floating-point")]
    [InlineData("-r 11025 -c 1 -b 8 -e unsigned")]
    [InlineData("-r 8000 -c 2 -b 16 -e signed")]
    [InlineData("-r 8000 -c 1 -b 32 -e signed")]
    public void Sox_wavs_of_any_pcm_rate_width_and_channels_are_resampled_to_8_khz_g711(string arguments)
    {
        if (!ExternalTool.Available("sox"))
        {
            return;
        }

        var path = SoxWav(arguments);
        try
        {
            var result = WavPromptLoader.Load(path, AudioCodec.Pcma);

            Assert.True(result.Success, result.Error);
            var prompt = result.Audio!;
            Assert.Equal(AudioCodec.Pcma, prompt.Codec);

            // 0.25 s at 8 kHz, still a 600 Hz sine at -6 dB full scale (amplitude 16,384: RMS 11,585).
            Assert.InRange(prompt.Encoded.Length, 1950, 2050);
            var (share, rms) = Tone(prompt, 600);
            Assert.True(share > 0.9, $"600 Hz holds {share:P0} of the energy");
            Assert.InRange(20 * Math.Log10(rms / 11585), -1.0, 1.0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Resampling_filters_what_lies_above_4_khz_instead_of_aliasing_it()
    {
        if (!ExternalTool.Available("sox"))
        {
            return;
        }

        // 600 Hz plus 6 kHz at 44.1 kHz; decimated without a filter the 6 kHz would fold onto 2 kHz.
        var path = Path.Combine(Path.GetTempPath(), $"edgepbx-prompt-{Guid.NewGuid():N}.wav");
        ExternalTool.Run("sox", $"-n -r 44100 -c 1 -b 16 {path} synth 0.25 sine 600 sine 6000 remix 1v0.3,2v0.3");
        try
        {
            var prompt = WavPromptLoader.Load(path, AudioCodec.Pcmu).Audio!;

            var (wanted, _) = Tone(prompt, 600);
            var (alias, _) = Tone(prompt, 2000);
            Assert.True(wanted > 0.9, $"600 Hz holds {wanted:P0}");
            // Unfiltered it would hold as much as the 600 Hz; NAudio's WDL low-pass leaves it near -28 dB.
            Assert.True(alias < 0.003, $"2 kHz alias holds {alias:P2}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_and_non_wav_files_are_errors_not_exceptions()
    {
        Assert.Contains("not found", WavPromptLoader.Load("/nonexistent/x.wav", AudioCodec.Pcmu).Error, StringComparison.Ordinal);
        using var junk = new MemoryStream("this is not a riff file at all"u8.ToArray());
        Assert.Contains("not a WAV", WavPromptLoader.Load(junk, AudioCodec.Pcmu, "junk").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Player_pads_the_last_frame_with_silence_and_stops_on_barge_in()
    {
        var prompt = new PromptAudio(AudioCodec.Pcmu, Enumerable.Repeat((byte)0x10, 200).ToArray());
        var player = new PromptPlayer(prompt);
        var frame = new byte[160];

        Assert.True(player.NextFrame(frame));
        Assert.All(frame, b => Assert.Equal(0x10, b));
        Assert.True(player.NextFrame(frame));
        Assert.All(frame[..40], b => Assert.Equal(0x10, b));
        Assert.All(frame[40..], b => Assert.Equal(0xFF, b));
        Assert.False(player.NextFrame(frame));

        var interrupted = new PromptPlayer(prompt);
        interrupted.Stop();
        Assert.False(interrupted.NextFrame(frame));
    }

    [Fact]
    public void Recorder_stops_at_the_maximum_length_and_writes_a_readable_wav()
    {
        var output = new MemoryStream();
        var frame = Enumerable.Range(0, 160).Select(i => (short)(i * 10)).ToArray();
        int frames = 0;
        using (var recorder = new WavRecorder(output, TimeSpan.FromSeconds(1.01)))
        {
            while (recorder.Write(frame))
            {
                frames++;
            }
        }

        Assert.Equal(50, frames);
        using var reader = new WaveFileReader(new MemoryStream(output.ToArray()));
        Assert.Equal(new WaveFormat(8000, 16, 1), reader.WaveFormat);
        Assert.Equal(8080 * 2, reader.Length);
        var first = new byte[320];
        reader.ReadExactly(first);
        Assert.Equal(10, BitConverter.ToInt16(first, 2));
    }
}
