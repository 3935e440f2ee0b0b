using EdgePbx.Daemon.Configuration;

namespace EdgePbx.Daemon.Tests.Configuration;

public sealed class SettingsLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgepbx-settings-").FullName;

    [Fact]
    public void Built_in_defaults_listen_on_loopback_with_simulated_gpio()
    {
        var result = SettingsLoader.Load(new CommandLineOverrides(DataDirectory: _dir));
        Assert.Null(result.Error);
        Assert.Equal("127.0.0.1:5060", result.Settings!.SipListen.ToString());
        Assert.Equal("127.0.0.1:8080", result.Settings.WebListen.ToString());
        Assert.Equal("simulated", result.Settings.GpioBackend);
        Assert.Null(result.Settings.PlanFile);
    }

    [Fact]
    public void File_beats_defaults_and_command_line_beats_file()
    {
        string file = Write("""{ "sip": { "listen": "127.0.0.2:5070" }, "web": { "listen": "127.0.0.2:8081" }, "logLevel": "Debug" }""");
        var result = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: file, DataDirectory: _dir, WebListen: "127.0.0.3:9000"));
        Assert.Null(result.Error);
        Assert.Equal("127.0.0.2:5070", result.Settings!.SipListen.ToString());
        Assert.Equal("127.0.0.3:9000", result.Settings.WebListen.ToString());
        Assert.Equal("Debug", result.Settings.LogLevel);
        Assert.Equal(file, result.Settings.SettingsFile);
    }

    [Fact]
    public void Relative_data_dir_in_a_file_is_relative_to_that_file()
    {
        string file = Write("""{ "dataDir": "box-data" }""");
        var result = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: file));
        Assert.Null(result.Error);
        Assert.Equal(Path.Combine(_dir, "box-data"), result.Settings!.DataDirectory);
        Assert.True(Directory.Exists(Path.Combine(_dir, "box-data")));
    }

    [Theory]
    [InlineData("""{ "sipp": {} }""", "unknown key 'sipp' (known here: sip, web, dataDir, planFile, gpio, logLevel)")]
    [InlineData("""{ "gpio": { "backend": "simulated", "chip": 0 } }""", "unknown key 'gpio.chip' (known here: gpio.backend)")]
    [InlineData("""{ "gpio": { "backend": "spi" } }""", null)]
    [InlineData("""{ "logLevel": "Loud" }""", null)]
    [InlineData("""{ "sip": { "listen": 5060 } }""", "sip.listen: wrong type or not valid JSON (line 1)")]
    [InlineData("""[1, 2]""", "the settings file must hold a JSON object")]
    [InlineData("", "the settings file is empty")]
    public void Bad_files_name_the_key_and_reason(string json, string? fileProblem)
    {
        string file = Write(json);
        var result = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: file, DataDirectory: _dir));
        Assert.Null(result.Settings);
        if (fileProblem is not null)
        {
            Assert.Equal($"{file}: {fileProblem}", result.Error);
        }
        else
        {
            Assert.Matches("^(gpio.backend|logLevel): '", result.Error!);
        }
    }

    [Fact]
    public void Same_address_for_sip_and_web_is_refused()
    {
        var result = SettingsLoader.Load(new CommandLineOverrides(DataDirectory: _dir, SipListen: "127.0.0.1:9000", WebListen: "127.0.0.1:9000"));
        Assert.Equal("web.listen: 127.0.0.1:9000 is the same address as sip.listen (SIP over TCP uses it)", result.Error);
    }

    [Fact]
    public void Missing_plan_file_is_named()
    {
        string plan = Path.Combine(_dir, "nope.json");
        var result = SettingsLoader.Load(new CommandLineOverrides(DataDirectory: _dir, PlanFile: plan));
        Assert.Equal($"planFile: '{plan}' does not exist", result.Error);
    }

    [Fact]
    public void Example_settings_file_of_the_appliance_loads()
    {
        string example = Path.Combine(RepositoryRoot(), "examples", "settings", "edgepbx.json");
        var result = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: example, DataDirectory: _dir));
        Assert.Null(result.Error);
        Assert.Equal("0.0.0.0:5060", result.Settings!.SipListen.ToString());
        Assert.Equal("gpiochip", result.Settings.GpioBackend);
    }

    private string Write(string json)
    {
        string file = Path.Combine(_dir, $"settings-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        return file;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgePbx.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root not found");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
