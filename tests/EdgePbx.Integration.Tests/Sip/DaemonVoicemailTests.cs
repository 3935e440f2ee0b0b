using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgePbx.Integration.Tests.Support;

namespace EdgePbx.Integration.Tests.Sip;

/// <summary>
/// IVR to voicemail to MWI through the published native daemon, all real peers: a sipp carrier keys 1 in the
/// main menu (RFC 4733, sip-tester's capture), extension 101's registered sipp phone rings and never answers,
/// 101's voicemail takes espeak-ng speech streamed with rtp_stream, and a sipp phone subscribed to 101's
/// message-summary gets Messages-Waiting: yes. The message WAV and the call record are read back from the box.
/// </summary>
public sealed class DaemonVoicemailTests : IDisposable
{
    private const string Password = "desk-phone-101";
    private const string Caller = "02112345678";
    private const string Sentence = "Hello, this is a message for reception. Please call me back about the delivery tomorrow morning.";
    private const int SilenceLevel = 300; // VoicemailOptions.SilenceLevel: the recording ends with the last louder frame
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _data = Directory.CreateTempSubdirectory("edgepbx-vm-").FullName;

    [Fact]
    public async Task Menu_key_to_an_unanswered_extension_leaves_speech_in_its_mailbox_with_a_record_and_messages_waiting_yes()
    {
        if (Sipp.Find() is not { } sipp
            || ExternalTool.RequireOrSkip("espeak-ng", "espeak-ng") is not { } espeak
            || ExternalTool.RequireOrSkip("sox", "sox") is not { } sox)
        {
            return;
        }

        var started = Stopwatch.StartNew();
        var speech = MakeSpeech(espeak, sox);
        using var daemon = await StartAsync();

        // 101's desk phone: registered, rings when called, never answers (the box cancels it for voicemail).
        int phonePort = FreePorts.UdpAndTcp();
        var (registered, output) = Sipp.RunOn(sipp, "register.xml", daemon.SipPort, phonePort, "-key", "user", "101", "-key", "domain", "edgepbx", "-au", "101", "-ap", Password);
        Assert.True(registered == 0, $"register: sipp exit {registered}:\n{output}\ndaemon:\n{daemon.Output}");
        using var phone = SippProcess.Start(sipp, "phone_rings_unanswered.xml", daemon.SipPort, new Dictionary<string, string>(), 35, phonePort);

        // 101's other phone subscribes to message-summary (RFC 3842) and must first hear "no".
        using var subscriber = SippProcess.Start(sipp, "phone_subscribes_mwi.xml", daemon.SipPort, new Dictionary<string, string> { ["ACCOUNT"] = "sip:101@edgepbx" }, 35, null,
            "-key", "ext", "101", "-key", "domain", "edgepbx", "-au", "101", "-ap", Password);
        await subscriber.SeesAsync("Messages-Waiting: no", Patience, () => daemon.Output);

        using var carrier = LeaveMessage(sipp, daemon, speech);

        await carrier.SucceedsAsync("carrier (menu key 1, ringing, voicemail, #, the box's BYE)", TimeSpan.FromSeconds(35), () => daemon.Output);
        await phone.SucceedsAsync("phone 101 (rings, cancelled)", Patience, () => daemon.Output);
        await subscriber.SucceedsAsync("subscribed phone (no, then yes 1/0)", Patience, () => daemon.Output);

        // The message file: one WAV in 101's box holding the speech up to its last loud frame.
        var wav = Assert.Single(Directory.GetFiles(Path.Combine(_data, "voicemail"), "*.wav", SearchOption.AllDirectories));
        var recorded = WavDuration(wav);
        var expected = speech.UpToLastSpeech(SilenceLevel);
        Assert.True(expected > TimeSpan.FromSeconds(4), $"espeak speech too short: {expected}");
        Assert.InRange(recorded.TotalMilliseconds, expected.TotalMilliseconds - 60, expected.TotalMilliseconds + 60);

        // The call record: voicemail outcome, the menu path and both keys, destination 101, 101's unanswered ring.
        var record = await RecordAsync("voicemail");
        Assert.Equal(Caller, record.GetProperty("caller").GetString());
        Assert.Equal("ext:101", record.GetProperty("destination").GetString());
        Assert.Equal("main:1", record.GetProperty("menuChoices").GetString());
        Assert.Equal("1#", record.GetProperty("digits").GetString());
        Assert.Equal("message left (caller pressed #)", record.GetProperty("outcomeReason").GetString());
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(40), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task A_phones_subscription_survives_a_daemon_restart_and_gets_the_next_message_waiting_notify()
    {
        if (Sipp.Find() is not { } sipp
            || ExternalTool.RequireOrSkip("espeak-ng", "espeak-ng") is not { } espeak
            || ExternalTool.RequireOrSkip("sox", "sox") is not { } sox)
        {
            return;
        }

        var speech = MakeSpeech(espeak, sox, "Short message, please call back.");
        using var first = await StartAsync();
        using var subscriber = SippProcess.Start(sipp, "phone_subscribed_across_restart.xml", first.SipPort, new Dictionary<string, string> { ["ACCOUNT"] = "sip:101@edgepbx" }, 40, null,
            "-key", "ext", "101", "-key", "domain", "edgepbx", "-au", "101", "-ap", Password);
        await subscriber.SeesAsync("Messages-Waiting: no", Patience, () => first.Output);

        // Stop the box as systemctl restart does (SIGTERM), then start it again on the same data folder and SIP port.
        // The phone does not re-subscribe: the box must come back to it, in the old dialog.
        first.Terminate();
        Assert.True(first.WaitForExit(TimeSpan.FromSeconds(10)), "daemon did not stop:\n" + first.Output);
        using var second = await DaemonProcess.StartReadyAsync(_data, first.SipPort, Patience, "--plan", Path.Combine(_data, "plan.json"));
        await second.WaitForOutputAsync("Restored 1 event subscriptions", Patience);
        await subscriber.SeesAsync("Content-Type: application/simple-message-summary", 2, Patience, () => second.Output);

        // A message left on the restarted box lights the lamp through the restored subscription (101 has no
        // registered phone here, so voicemail answers at once).
        using var carrier = LeaveMessage(sipp, second, speech);
        await carrier.SucceedsAsync("carrier leaving a message after the restart", TimeSpan.FromSeconds(35), () => second.Output);
        await subscriber.SucceedsAsync("subscribed phone (no; active again after the restart; yes 1/0)", Patience, () => second.Output);
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    /// <summary>Writes the plan (main menu, key 1 to extension 101 with voicemail), sets 101's SIP password, starts the daemon.</summary>
    private async Task<DaemonProcess> StartAsync()
    {
        var plan = Path.Combine(_data, "plan.json");
        await File.WriteAllTextAsync(plan, """
            {
              "version": 1,
              "timeZone": "Asia/Shanghai",
              "numbers": { "4006123456": { "name": "Main", "default": "menu:main" } },
              "menus": { "main": { "prompt": "main.wav", "options": { "1": "ext:101" }, "timeoutSeconds": 5 } },
              "extensions": { "101": { "name": "Reception", "voicemail": true, "ringSeconds": 3 } }
            }
            """);
        var (code, stdout, stderr) = DaemonProcess.RunToExitWithInput(Password + "\n", Patience, "phone", "set", "101", "--data", _data);
        Assert.True(code == 0, $"phone set 101: exit {code}\n{stdout}{stderr}");
        return await DaemonProcess.StartReadyAsync(_data, Patience, "--plan", plan);
    }

    /// <summary>
    /// A sipp carrier calling the main number: key 1 in the menu, then the speech into 101's voicemail and #.
    /// The caller stays silent (sends no RTP) through the greeting and the 500 ms beep: the daemon ships a spoken
    /// default greeting (data/prompts/voicemail-greeting.wav, copied at start), a tone without it.
    /// </summary>
    private SippProcess LeaveMessage(string sipp, DaemonProcess daemon, Speech speech) =>
        SippProcess.Start(sipp, "carrier_menu_voicemail.xml", daemon.SipPort, new Dictionary<string, string>
        {
            ["WAIT_MS"] = ((int)GreetingLength().TotalMilliseconds + 500 + 1000).ToString(CultureInfo.InvariantCulture),
            ["SPEECH"] = speech.Path,
            ["SPEECH_MS"] = ((int)speech.Length.TotalMilliseconds + 300).ToString(CultureInfo.InvariantCulture),
        }, 35, null, "-s", "4006123456", "-key", "caller", Caller);

    private sealed record Speech(string Path, byte[] Ulaw)
    {
        public TimeSpan Length => TimeSpan.FromMilliseconds(Ulaw.Length / 8.0);

        /// <summary>The speech up to its last 20 ms frame louder than <paramref name="level"/> (mean absolute sample).</summary>
        public TimeSpan UpToLastSpeech(int level)
        {
            for (var f = (Ulaw.Length / 160) - 1; f >= 0; f--)
            {
                long sum = 0;
                for (var i = f * 160; i < (f + 1) * 160; i++)
                {
                    sum += Math.Abs((int)DecodeUlaw(Ulaw[i]));
                }

                if (sum / 160 >= level)
                {
                    return TimeSpan.FromMilliseconds((f + 1) * 20);
                }
            }

            return TimeSpan.Zero;
        }

        // ITU-T G.711 mu-law expansion.
        private static short DecodeUlaw(byte b)
        {
            int u = ~b & 0xFF;
            int t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
            return (short)((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
        }
    }

    /// <summary>espeak-ng says the sentence; sox makes it 8 kHz mono mu-law raw, whole 20 ms frames (what rtp_stream sends).</summary>
    private Speech MakeSpeech(string espeak, string sox, string sentence = Sentence)
    {
        var wav = Path.Combine(_data, "speech.wav");
        var raw = Path.Combine(_data, "speech.ulaw");
        var (e, eOut) = ExternalTool.Run(espeak, ["-v", "en", "-s", "150", "-w", wav, sentence], Patience);
        Assert.True(e == 0, "espeak-ng: " + eOut);
        var (s, sOut) = ExternalTool.Run(sox, [wav, "-r", "8000", "-c", "1", "-e", "mu-law", "-t", "raw", raw], Patience);
        Assert.True(s == 0, "sox: " + sOut);
        var ulaw = File.ReadAllBytes(raw);
        ulaw = ulaw[..(ulaw.Length / 160 * 160)];
        File.WriteAllBytes(raw, ulaw);
        return new Speech(raw, ulaw);
    }

    /// <summary>The default greeting the daemon plays before the beep (none: its short tone).</summary>
    private TimeSpan GreetingLength()
    {
        var greeting = Path.Combine(_data, "prompts", "voicemail-greeting.wav");
        return File.Exists(greeting) ? WavDuration(greeting) : TimeSpan.FromMilliseconds(500);
    }

    /// <summary>Length of a WAV file's audio: its data chunk over the format's byte rate.</summary>
    private static TimeSpan WavDuration(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        int byteRate = 0;
        for (var at = 12; at + 8 <= bytes.Length;)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, at, 4);
            var size = BitConverter.ToInt32(bytes, at + 4);
            if (id == "fmt ")
            {
                byteRate = BitConverter.ToInt32(bytes, at + 16);
            }
            else if (id == "data")
            {
                Assert.True(byteRate > 0, "WAV without fmt before data");
                return TimeSpan.FromSeconds(size / (double)byteRate);
            }

            at += 8 + size + (size & 1);
        }

        throw new Xunit.Sdk.XunitException($"{path}: no data chunk");
    }

    /// <summary>Exports the records of the hour around now as JSON (the writer runs behind the calls) until one has <paramref name="outcome"/>.</summary>
    private async Task<JsonElement> RecordAsync(string outcome)
    {
        var records = string.Empty;
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var stdout = CdrExport.HourAroundNow(_data, "json", Patience);
            records = stdout;
            using var json = JsonDocument.Parse(stdout.TrimStart('\uFEFF'));
            var match = json.RootElement.EnumerateArray().Where(r => r.GetProperty("outcome").GetString() == outcome).ToList();
            if (match.Count > 0)
            {
                return Assert.Single(match).Clone();
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"no record with outcome {outcome} within {Patience.TotalSeconds} s:\n{records}");
    }
}
