using EdgePbx.Daemon.Configuration;
using EdgePbx.Daemon.Tests.Support;

namespace EdgePbx.Daemon.Tests.Configuration;

public sealed class SettingsLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgepbx-settings-").FullName;

    [Fact]
    public void Built_in_defaults_listen_on_loopback_with_a_simulated_panel()
    {
        var result = SettingsLoader.Load(new CommandLineOverrides(DataDirectory: _dir));
        Assert.Null(result.Error);
        Assert.Equal("127.0.0.1:5060", result.Settings!.SipListen.ToString());
        Assert.Equal("127.0.0.1:8080", result.Settings.WebListen.ToString());
        Assert.Equal(EdgePbx.Hardware.Settings.PanelBackendKind.Simulated, result.Settings.Panel.Backend);
        Assert.Equal("edgepbx", result.Settings.SipDomain);
        Assert.Equal([EdgePbx.Sip.Auth.DigestAlgorithm.Md5], result.Settings.SipDigestAlgorithms);
        Assert.Equal(TimeSpan.FromSeconds(60), result.Settings.SipQualifyInterval);
        Assert.Null(result.Settings.PlanFile);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    public void Qualify_interval_is_read_and_zero_turns_it_off(int seconds)
    {
        string file = Write($$"""{ "sip": { "qualifySeconds": {{seconds}} } }""");
        var result = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: file, DataDirectory: _dir));
        Assert.Null(result.Error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), result.Settings!.SipQualifyInterval);
    }

    [Fact]
    public void Digest_algorithms_are_read_in_the_order_given()
    {
        string file = Write("""{ "sip": { "digestAlgorithms": ["SHA-256", "MD5"] } }""");
        var result = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: file, DataDirectory: _dir));
        Assert.Null(result.Error);
        Assert.Equal([EdgePbx.Sip.Auth.DigestAlgorithm.Sha256, EdgePbx.Sip.Auth.DigestAlgorithm.Md5], result.Settings!.SipDigestAlgorithms);
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
    [InlineData("""{ "sipp": {} }""", "unknown key 'sipp' (known here: sip, web, dataDir, planFile, panel, cloud, trunk, voicemail, media, logLevel)")]
    [InlineData("""{ "voicemail": { "accessNumber": "vm" } }""", "voicemail.accessNumber: 'vm' is not a dialable code (digits, '*' and '#', e.g. *97)")]
    [InlineData("""{ "voicemail": { "maxMessageSeconds": 2 } }""", "voicemail.maxMessageSeconds: 2 is outside 5..1800")]
    [InlineData("""{ "voicemail": { "silenceSeconds": 0 } }""", "voicemail.silenceSeconds: 0 is outside 1..60")]
    [InlineData("""{ "voicemail": { "pin": "1234" } }""", "unknown key 'voicemail.pin' (known here: voicemail.accessNumber, voicemail.maxMessageSeconds, voicemail.silenceSeconds, voicemail.unsolicitedNotify)")]
    [InlineData("""{ "sip": { "listen": "127.0.0.1:5060", "realm": "x" } }""", "unknown key 'sip.realm' (known here: sip.listen, sip.domain, sip.digestAlgorithms, sip.qualifySeconds)")]
    [InlineData("""{ "sip": { "qualifySeconds": -1 } }""", "sip.qualifySeconds: -1 is outside 0..3600 (0 turns OPTIONS qualify off)")]
    [InlineData("""{ "sip": { "qualifySeconds": 3601 } }""", "sip.qualifySeconds: 3601 is outside 0..3600 (0 turns OPTIONS qualify off)")]
    [InlineData("""{ "web": { "domain": "x.example" } }""", "unknown key 'web.domain' (known here: web.listen)")]
    [InlineData("""{ "sip": { "digestAlgorithms": [] } }""", "sip.digestAlgorithms: empty; name at least one of MD5, SHA-256")]
    [InlineData("""{ "sip": { "digestAlgorithms": ["SHA-512-256"] } }""", "sip.digestAlgorithms: 'SHA-512-256' is not one of MD5, SHA-256")]
    [InlineData("""{ "sip": { "digestAlgorithms": ["MD5", "md5"] } }""", "sip.digestAlgorithms: 'md5' is named twice")]
    [InlineData("""{ "sip": { "domain": "bad domain" } }""", "sip.domain: 'bad domain' is not a host name (letters, digits, '-' and '.')")]
    [InlineData("""{ "trunk": { "target": "carrier.example:5060", "domain": "c.example", "account": "4006123456" } }""", "trunk.target: 'carrier.example:5060' is not an IP address with a port, e.g. 203.0.113.10:5060")]
    [InlineData("""{ "trunk": { "target": "203.0.113.10:5060", "account": "4006123456" } }""", "trunk.domain: '' is not a host name (letters, digits, '-' and '.')")]
    [InlineData("""{ "trunk": { "target": "203.0.113.10:5060", "domain": "c.example", "account": "400-612" } }""", "trunk.account: '400-612' is not a number (the enterprise's number at the carrier)")]
    [InlineData("""{ "trunk": { "target": "203.0.113.10:5060", "domain": "c.example", "account": "4006123456", "username": "u" } }""", "trunk.username and trunk.password: set both (the box registers) or neither (IP-authenticated trunk)")]
    [InlineData("""{ "trunk": { "target": "203.0.113.10:5060", "domain": "c.example", "account": "4006123456", "callerId": "display" } }""", "trunk.callerId: 'display' is not one of pai, from")]
    [InlineData("""{ "trunk": { "target": "203.0.113.10:5060", "domain": "c.example", "account": "4006123456", "sources": ["10.0.0.300"] } }""", "trunk.sources: '10.0.0.300' is not an IP address")]
    [InlineData("""{ "trunk": { "target": "203.0.113.10:5060", "domain": "c.example", "account": "4006123456", "expires": 5 } }""", "trunk.expires: 5 is outside 60..86400 seconds")]
    [InlineData("""{ "media": { "rtpPorts": "16384" } }""", "media.rtpPorts: '16384' is not a port range FIRST-LAST, e.g. 16384-32767")]
    [InlineData("""{ "media": { "rtpPorts": "16384-x" } }""", "media.rtpPorts: '16384-x' is not a port range FIRST-LAST, e.g. 16384-32767")]
    [InlineData("""{ "media": { "rtpPorts": "-16384-32767" } }""", "media.rtpPorts: '-16384-32767' is not a port range FIRST-LAST, e.g. 16384-32767")]
    [InlineData("""{ "media": { "rtpPorts": "16385-32767" } }""", "media.rtpPorts: '16385-32767' starts on an odd port (RTP takes even ports, RTCP the odd one after; RFC 3550 11)")]
    [InlineData("""{ "media": { "rtpPorts": "1000-2999" } }""", "media.rtpPorts: '1000-2999' is outside 1024-65535")]
    [InlineData("""{ "media": { "rtpPorts": "60000-70000" } }""", "media.rtpPorts: '60000-70000' is outside 1024-65535")]
    [InlineData("""{ "media": { "rtpPorts": "16384-16400" } }""", "media.rtpPorts: '16384-16400' holds 17 ports, fewer than 100 (two even ports per relayed call)")]
    [InlineData("""{ "media": { "rtpPorts": "32768-16384" } }""", "media.rtpPorts: '32768-16384' ends below its first port (FIRST-LAST, the lower port first)")]
    [InlineData("""{ "media": { "rtpPorts": 16384 } }""", "media.rtpPorts: wrong type or not valid JSON (line 1)")]
    [InlineData("""{ "media": { "rtp": "16384-32767" } }""", "unknown key 'media.rtp' (known here: media.rtpPorts, media.promptLanguage)")]
    [InlineData("""{ "media": { "promptLanguage": "zh" } }""", "media.promptLanguage: 'zh' is not one of en, cmn")]
    [InlineData("""{ "media": { "promptLanguage": "zh", "rtpPorts": "1-2" } }""", "media.promptLanguage: 'zh' is not one of en, cmn")]
    [InlineData("""{ "voicemail": { "accessNumber": "vm", "silenceSeconds": 0 } }""", "voicemail.accessNumber: 'vm' is not a dialable code (digits, '*' and '#', e.g. *97)")]
    [InlineData("""{ "panel": { "backend": "spi" } }""", null)]
    [InlineData("""{ "panel": { "backend": "simulated", "chip": 0 } }""", null)]
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
            Assert.Matches("^(.*: panel[.a-zA-Z]*: .*|logLevel: '.*)$", result.Error!);
        }
    }

    [Fact]
    public void Trunk_section_is_read_with_its_defaults()
    {
        string file = Write("""
            { "trunk": { "target": "203.0.113.10:5060", "domain": "sip.carrier.example", "account": "4006123456",
                         "username": "4006123456", "password": "s3cret", "sources": ["203.0.113.11"] } }
            """);
        var result = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: file, DataDirectory: _dir));
        Assert.Null(result.Error);
        var trunk = result.Settings!.Trunk!;
        Assert.Equal(System.Net.IPEndPoint.Parse("203.0.113.10:5060"), trunk.Target);
        Assert.True(trunk.Registers);
        Assert.Equal(300, trunk.Expires);
        Assert.Equal(EdgePbx.Switchboard.Options.CallerIdMode.PAssertedIdentity, trunk.CallerId);

        var options = EdgePbx.Daemon.Engine.EngineSettings.Options(result.Settings, () => false);
        Assert.Equal(["203.0.113.10", "203.0.113.11"], options.TrunkSources.Select(a => a.ToString()));
        Assert.Equal("sip.carrier.example", options.Trunk!.Host);
        Assert.Null(EdgePbx.Daemon.Engine.EngineSettings.Options(DaemonSettings.Defaults, () => false).Trunk);
    }

    [Fact]
    public void Rtp_ports_default_to_16384_32767_and_a_file_can_set_them()
    {
        var defaults = SettingsLoader.Load(new CommandLineOverrides(DataDirectory: _dir));
        Assert.Equal(new EdgePbx.Media.Rtp.RtpPortRange(16384, 32767), defaults.Settings!.Media.RtpPorts);

        string file = Write("""{ "media": { "rtpPorts": "20000-20099" } }""");
        var result = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: file, DataDirectory: _dir));
        Assert.Null(result.Error);
        Assert.Equal(new EdgePbx.Media.Rtp.RtpPortRange(20000, 20099), result.Settings!.Media.RtpPorts);
        Assert.Equal("en", result.Settings.Media.PromptLanguage);

        string empty = Write("""{ "media": {} }""");
        Assert.Equal(new EdgePbx.Media.Rtp.RtpPortRange(16384, 32767), SettingsLoader.Load(new CommandLineOverrides(ConfigFile: empty, DataDirectory: _dir)).Settings!.Media.RtpPorts);
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
        string example = Path.Combine(Repository.Root(), "examples", "settings", "edgepbx.json");
        var result = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: example, DataDirectory: _dir));
        Assert.Null(result.Error);
        Assert.Equal("0.0.0.0:5060", result.Settings!.SipListen.ToString());
        Assert.Equal(EdgePbx.Hardware.Settings.PanelBackendKind.Auto, result.Settings.Panel.Backend);
        Assert.Equal(4, result.Settings.Panel.LineCount);
        Assert.Equal("pbx.example.cn", result.Settings.SipDomain);
    }

    private string Write(string json)
    {
        string file = Path.Combine(_dir, $"settings-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        return file;
    }


    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
