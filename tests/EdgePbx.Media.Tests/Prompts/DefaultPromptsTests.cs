using EdgePbx.Media.Codecs;
using EdgePbx.Media.Dtmf;
using EdgePbx.Media.Prompts;
using EdgePbx.Media.Sdp;

namespace EdgePbx.Media.Tests.Prompts;

/// <summary>
/// The default prompts that EdgePbx.Media's build speaks with espeak-ng (Prompts/Defaults/prompts.tsv) and
/// copies as prompts/LANGUAGE/NAME.wav beside every referencing binary, this test project's included; digits
/// and numbers said from them; barge-in by a detected DTMF key.
/// </summary>
public sealed class DefaultPromptsTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "prompts");

    private static bool Built()
    {
        // The build makes them only where espeak-ng and sox exist (and fails under CI=true without them).
        var tools = ExternalTool.Available("espeak-ng") && ExternalTool.Available("sox");
        Assert.True(!tools || Directory.Exists(Root), $"espeak-ng and sox are here but the build made no {Root}");
        return tools;
    }

    private static PromptAudio? Lookup(string language, string name) =>
        WavPromptLoader.Load(Path.Combine(Root, language, name + ".wav"), AudioCodec.Pcmu).Audio;

    public static TheoryData<string, string> Listed()
    {
        var data = new TheoryData<string, string>();
        var list = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "EdgePbx.Media", "Prompts", "Defaults", "prompts.tsv");
        foreach (var line in File.ReadAllLines(list).Where(l => l.Length > 0 && l[0] != '#'))
        {
            var fields = line.Split('\t');
            data.Add(fields[0], fields[1]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Listed))]
    public void Each_listed_default_prompt_is_built_as_8_khz_speech(string language, string name)
    {
        if (!Built())
        {
            return;
        }

        var path = Path.Combine(Root, language, name + ".wav");
        using (var reader = new NAudio.Wave.WaveFileReader(path))
        {
            Assert.Equal(8000, reader.WaveFormat.SampleRate);
            Assert.Equal(1, reader.WaveFormat.Channels);
            Assert.Equal(16, reader.WaveFormat.BitsPerSample);
        }

        var prompt = Lookup(language, name)!;
        Assert.True(prompt.Duration > TimeSpan.FromMilliseconds(250), $"{path} is only {prompt.Duration}");
        var pcm = new short[prompt.Encoded.Length];
        G711.Decode(AudioCodec.Pcmu, prompt.Encoded.Span, pcm);
        Assert.True(pcm.Max(x => Math.Abs((int)x)) > 8000, $"{path} is nearly silent");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("cmn")]
    public void Every_number_and_key_can_be_said_from_the_languages_digit_prompts(string language)
    {
        if (!Built())
        {
            return;
        }

        var random = new Random(4006);
        var numbers = Enumerable.Range(0, 1000).Select(i => (long)i).Concat(Enumerable.Range(0, 300).Select(_ => random.NextInt64(0, 999_999_999)));
        foreach (var number in numbers)
        {
            foreach (var name in SayNumbers.Number(number, language).Concat(SayNumbers.Digits("0123456789*#")))
            {
                Assert.True(File.Exists(Path.Combine(Root, language, name + ".wav")), $"{language}/{name} is missing (for {number})");
            }
        }
    }

    [Fact]
    public void Playlist_says_a_number_as_its_prompts_back_to_back()
    {
        if (!Built())
        {
            return;
        }

        var names = SayNumbers.Number(42, "en");
        var playlist = PromptPlaylist.FromNames(names, n => Lookup("en", n), bargeIn: true, out var missing);
        Assert.Empty(missing);

        var forty = Lookup("en", "digits/40")!;
        var two = Lookup("en", "digits/2")!;
        var frames = new List<byte[]>();
        var frame = new byte[160];
        while (playlist.NextFrame(frame))
        {
            frames.Add(frame.ToArray());
        }

        Assert.True(playlist.Finished);
        Assert.Equal(forty.FrameCount + two.FrameCount, frames.Count);
        Assert.Equal(forty.Encoded.Span[..160].ToArray(), frames[0]);
        Assert.Equal(two.Encoded.Span[..160].ToArray(), frames[forty.FrameCount]);
    }

    [Fact]
    public void Missing_prompts_are_named_and_the_rest_still_plays()
    {
        var tone = new PromptAudio(AudioCodec.Pcmu, new byte[320]);
        var playlist = PromptPlaylist.FromNames(["a", "gone", "b"], n => n == "gone" ? null : tone, bargeIn: false, out var missing);

        Assert.Equal(["gone"], missing);
        Assert.Equal(4, playlist.FrameCount);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_key_detected_in_band_during_the_prompt_barges_in_only_when_allowed(bool bargeIn)
    {
        if (!Built())
        {
            return;
        }

        var menu = Lookup("en", "main-menu")!;
        var playlist = new PromptPlaylist([menu], bargeIn);
        var detector = new DtmfDetector();

        // The caller presses 2 (sox-made) 0.5 s into the prompt; the media clock ticks once per 20 ms frame.
        var caller = ToolAudio.Sox("synth 0.5 sine 0 vol 0").Concat(ToolAudio.Sox("synth 0.08 sine 697 sine 1336 remix 1v0.2,2v0.2 pad 0 0.5")).ToArray();
        var frame = new byte[160];
        var digits = new char[4];
        var played = 0;
        for (var tick = 0; playlist.NextFrame(frame); tick++)
        {
            played++;
            var input = caller.AsSpan(Math.Min(tick * 160, caller.Length))[..Math.Min(160, Math.Max(0, caller.Length - (tick * 160)))];
            if (detector.Process(input, digits) > 0)
            {
                Assert.Equal('2', digits[0]);
                Assert.Equal(bargeIn, playlist.Interrupt());
            }
        }

        if (bargeIn)
        {
            // Stopped within a few frames of the key (0.5 s + 2 windows), long before the prompt's end.
            Assert.InRange(played, 26, 32);
            Assert.True(menu.FrameCount > 100);
        }
        else
        {
            Assert.Equal(menu.FrameCount, played);
        }
    }
}
