using EdgePbx.Integration.Tests.Support;

namespace EdgePbx.Integration.Tests.Daemon;

/// <summary>The native daemon copies the default prompts published beside it into its data folder, never over an installer's file.</summary>
public sealed class DefaultPromptsOnStartTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("edgepbx-prompts-").FullName;

    [Fact]
    public async Task Start_copies_missing_default_prompts_into_the_data_folder_and_keeps_the_installers_own()
    {
        var own = Path.Combine(_data, "prompts", "welcome.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(own)!);
        await File.WriteAllTextAsync(own, "the installer's welcome");

        using (var daemon = await DaemonProcess.StartReadyAsync(_data, TimeSpan.FromSeconds(20)))
        {
            foreach (var name in new[] { "main-menu.wav", "voicemail-greeting.wav", "hold-music.wav", "en/welcome.wav", "cmn/welcome.wav", "cmn/digits/9.wav" })
            {
                Assert.True(File.Exists(Path.Combine(_data, "prompts", name)), $"prompts/{name} missing after start; output:\n{daemon.Output}");
            }

            Assert.Equal("the installer's welcome", await File.ReadAllTextAsync(own));
            daemon.Terminate();
            Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(5)), "daemon did not stop:\n" + daemon.Output);
        }
    }

    public void Dispose()
    {
        // The daemon process removes its data folder when it is disposed.
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
