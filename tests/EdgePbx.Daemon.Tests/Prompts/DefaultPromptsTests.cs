using EdgePbx.Daemon.Configuration;
using EdgePbx.Daemon.Prompts;
using EdgePbx.Daemon.Tests.Support;
using EdgePbx.Media.Sdp;
using EdgePbx.Switchboard.Media;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgePbx.Daemon.Tests.Prompts;

/// <summary>The default prompts beside the binary are copied into the data folder on start; an installer's file is never replaced.</summary>
public sealed class DefaultPromptsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgepbx-prompts-").FullName;

    private string Data => Path.Combine(_dir, "data");

    [Fact]
    public async Task Shipped_defaults_land_in_the_data_folder_where_the_engine_and_the_demo_plan_find_them()
    {
        if (!Directory.Exists(DefaultPrompts.Shipped))
        {
            // The build makes them only where espeak-ng and sox exist, and fails under CI=true without them.
            Assert.NotEqual("true", Environment.GetEnvironmentVariable("CI"));
            return;
        }

        var service = new DefaultPromptsService(new DaemonSettings { DataDirectory = Data }, NullLogger<DefaultPromptsService>.Instance);
        await service.StartAsync(CancellationToken.None);

        foreach (var name in new[] { "prompts/en/welcome.wav", "prompts/cmn/main-menu.wav", "prompts/en/digits/7.wav", "prompts/cmn/digits/ten-thousand.wav" })
        {
            Assert.True(File.Exists(Path.Combine(Data, name)), name);
        }

        // The names the demo plan and voicemail use, in the box language (English unless the settings say cmn).
        var cache = new PromptCache(Data);
        foreach (var name in new[] { "prompts/welcome.wav", "prompts/main-menu.wav", "prompts/voicemail-greeting.wav" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(DefaultPrompts.Shipped, "en", Path.GetFileName(name))), File.ReadAllBytes(Path.Combine(Data, name)));
            var loaded = cache.Get(name, AudioCodec.Pcma);
            Assert.True(loaded.Audio is { } audio && audio.Duration > TimeSpan.FromMilliseconds(250), loaded.Error);
        }

        // Music on hold has no language: it lands as prompts/hold-music.wav, the engine's default HoldMusic.
        Assert.Equal("prompts/hold-music.wav", EdgePbx.Daemon.Engine.EngineSettings.Options(new DaemonSettings { DataDirectory = Data }, () => false).HoldMusic);
        Assert.True(cache.Get("prompts/hold-music.wav", AudioCodec.Pcmu).Audio is { } hold && hold.Duration > TimeSpan.FromSeconds(5));

        var demo = File.ReadAllText(Path.Combine(Repository.Root(), "examples", "plans", "demo.json"));
        Assert.Contains("\"prompts/welcome.wav\"", demo, StringComparison.Ordinal);
        Assert.Contains("\"prompts/main-menu.wav\"", demo, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Data, "*.default", SearchOption.AllDirectories));
    }

    [Fact]
    public void An_installers_own_file_is_never_replaced_and_a_second_start_copies_nothing()
    {
        var shipped = Shipped(("en/welcome.wav", "en welcome"), ("en/busy.wav", "en busy"), ("cmn/welcome.wav", "cmn welcome"));
        var upload = Path.Combine(Data, "prompts", "welcome.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(upload)!);
        File.WriteAllText(upload, "the installer's recording");
        var ownEnglish = Path.Combine(Data, "prompts", "en", "busy.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(ownEnglish)!);
        File.WriteAllText(ownEnglish, "the installer's busy");

        var first = new DefaultPrompts(shipped, Data).Install("en");

        Assert.Equal(["cmn/welcome.wav".Replace('/', Path.DirectorySeparatorChar), "en/welcome.wav".Replace('/', Path.DirectorySeparatorChar), "busy.wav"], first.Copied);
        Assert.Empty(first.Failed);
        Assert.Equal("the installer's recording", File.ReadAllText(upload));
        Assert.Equal("the installer's busy", File.ReadAllText(ownEnglish));
        Assert.Equal("en busy", File.ReadAllText(Path.Combine(Data, "prompts", "busy.wav")));

        var second = new DefaultPrompts(shipped, Data).Install("en");
        Assert.Empty(second.Copied);
        Assert.Equal("the installer's recording", File.ReadAllText(upload));
    }

    [Fact]
    public void The_box_language_decides_which_set_is_copied_under_the_plan_names()
    {
        var shipped = Shipped(("en/welcome.wav", "en welcome"), ("cmn/welcome.wav", "cmn welcome"), ("cmn/digits/0.wav", "cmn 0"));

        var result = new DefaultPrompts(shipped, Data).Install("cmn");

        Assert.Empty(result.Failed);
        Assert.Equal("cmn welcome", File.ReadAllText(Path.Combine(Data, "prompts", "welcome.wav")));
        Assert.Equal("en welcome", File.ReadAllText(Path.Combine(Data, "prompts", "en", "welcome.wav")));
        Assert.Equal("cmn 0", File.ReadAllText(Path.Combine(Data, "prompts", "cmn", "digits", "0.wav")));
        Assert.False(File.Exists(Path.Combine(Data, "prompts", "0.wav")), "digits stay in their language's folder");
    }

    [Fact]
    public void No_shipped_prompts_copies_nothing_and_says_why()
    {
        var result = new DefaultPrompts(Path.Combine(_dir, "nowhere"), Data).Install("en");

        Assert.Empty(result.Copied);
        Assert.Equal(Path.Combine(_dir, "nowhere") + " does not exist (built without espeak-ng and sox?)", result.Missing);
        Assert.False(Directory.Exists(Path.Combine(Data, "prompts")));
    }

    [Fact]
    public void A_prompt_that_cannot_be_written_is_named_and_the_rest_are_copied()
    {
        var shipped = Shipped(("en/welcome.wav", "en welcome"), ("en/busy.wav", "en busy"));
        // A directory where the file should go: the copy cannot land there.
        Directory.CreateDirectory(Path.Combine(Data, "prompts", "en", "busy.wav.default"));

        var result = new DefaultPrompts(shipped, Data).Install("en");

        var failure = Assert.Single(result.Failed);
        Assert.StartsWith("en" + Path.DirectorySeparatorChar + "busy.wav: ", failure, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Data, "prompts", "en", "welcome.wav")));
        Assert.False(File.Exists(Path.Combine(Data, "prompts", "en", "busy.wav")));
    }

    private string Shipped(params (string Name, string Content)[] files)
    {
        var root = Path.Combine(_dir, "shipped");
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        return root;
    }


    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
