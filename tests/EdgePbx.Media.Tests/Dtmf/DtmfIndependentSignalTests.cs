using EdgePbx.Media.Dtmf;

namespace EdgePbx.Media.Tests.Dtmf;

/// <summary>The detector against audio from tools we did not write: sox tones and espeak-ng speech (talk-off).</summary>
public sealed class DtmfIndependentSignalTests
{
    private static string Detect(short[] pcm)
    {
        var detector = new DtmfDetector();
        var digits = new char[64];
        var result = new System.Text.StringBuilder();
        for (var i = 0; i < pcm.Length; i += 160)
        {
            result.Append(digits, 0, detector.Process(pcm.AsSpan(i, Math.Min(160, pcm.Length - i)), digits));
        }

        return result.ToString();
    }

    [Theory]
    [InlineData('1', 697, 1209)]
    [InlineData('5', 770, 1336)]
    [InlineData('9', 852, 1477)]
    [InlineData('D', 941, 1633)]
    [InlineData('*', 941, 1209)]
    [InlineData('#', 941, 1477)]
    public void Sox_generated_key_of_40_ms_is_detected(char key, int row, int column)
    {
        if (!ExternalTool.Available("sox"))
        {
            return;
        }

        var pcm = ToolAudio.Sox($"synth 0.04 sine {row} sine {column} channels 1 vol -12dB pad 0.03 0.05");

        Assert.Equal(key.ToString(), Detect(pcm));
    }

    [Fact]
    public void Sox_generated_key_sequence_off_nominal_with_noise_is_detected()
    {
        if (!ExternalTool.Available("sox"))
        {
            return;
        }

        // 1.5 % high on both tones of "3" and "7", with pink noise mixed about 20 dB under.
        var three = ToolAudio.Sox("synth 0.06 sine 707 sine 1499 channels 1 vol -12dB pad 0.02 0.06");
        var seven = ToolAudio.Sox("synth 0.06 sine 839 sine 1191 channels 1 vol -12dB pad 0.02 0.06");
        var noise = ToolAudio.Sox("synth 0.32 pinknoise vol -34dB");
        var pcm = three.Concat(seven).ToArray();
        for (var i = 0; i < Math.Min(pcm.Length, noise.Length); i++)
        {
            pcm[i] = (short)Math.Clamp(pcm[i] + noise[i], short.MinValue, short.MaxValue);
        }

        Assert.Equal("37", Detect(pcm));
    }

    [Theory]
    [InlineData("en", ToolAudio.English)]
    [InlineData("cmn", ToolAudio.Mandarin)]
    public void Espeak_speech_produces_no_false_digits(string voice, string text)
    {
        if (!ExternalTool.Available("espeak-ng") || !ExternalTool.Available("sox"))
        {
            return;
        }

        var speech = ToolAudio.Speech(voice, text);

        Assert.True(speech.Length > 8000 * 5, "speech sample is too short to mean anything");
        Assert.Equal("", Detect(speech));
    }
}
