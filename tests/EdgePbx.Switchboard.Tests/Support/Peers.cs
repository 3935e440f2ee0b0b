namespace EdgePbx.Switchboard.Tests.Support;

/// <summary>Starts the sipp roles the real-peer tests use against an <see cref="EngineRig"/>.</summary>
public static class Peers
{
    public const string Caller = "13912345678";

    /// <summary>sipp's path, or null when the test must skip (throws under CI=true).</summary>
    public static string? Sipp() => ExternalTool.RequireOrSkip("sipp", "sip-tester");

    /// <summary>A phone (or carrier) that rings for <paramref name="ringMs"/> and answers; <paramref name="checks"/> are &lt;ereg&gt; actions on the INVITE.</summary>
    public static SippRun Answering(string sipp, int ringMs = 200, string checks = "", int calls = 1)
    {
        var run = SippRun.Start(sipp, "uas_answer.xml", "", new Dictionary<string, string> { ["RING_MS"] = ringMs.ToString(), ["CHECKS"] = checks }, [], calls);
        run.WaitUntilListening();
        return run;
    }

    public static SippRun Busy(string sipp)
    {
        var run = SippRun.Start(sipp, "uas_busy.xml", "", new Dictionary<string, string>(), []);
        run.WaitUntilListening();
        return run;
    }

    /// <summary>A phone that rings until the box cancels it.</summary>
    public static SippRun RingsUntilCancelled(string sipp)
    {
        var run = SippRun.Start(sipp, "uas_ring_cancelled.xml", "", new Dictionary<string, string>(), []);
        run.WaitUntilListening();
        return run;
    }

    /// <summary>The carrier calls <paramref name="number"/>, requires a 183 before the 200, talks for <paramref name="talkMs"/>, hangs up.</summary>
    public static SippRun CarrierCall(string sipp, EngineRig rig, int rtpPort, int talkMs = 300, string caller = Caller, string number = TestPlans.Main) =>
        SippRun.Start(sipp, "uac_call.xml", rig.Target, new Dictionary<string, string> { ["TALK_MS"] = talkMs.ToString() },
            ["-s", number, "-key", "caller", caller, "-key", "rtp_port", rtpPort.ToString()]);

    /// <summary>A phone that answers at once and hangs up after <paramref name="talkMs"/>.</summary>
    public static SippRun AnswersThenHangsUp(string sipp, int talkMs)
    {
        var run = SippRun.Start(sipp, "uas_answer_then_bye.xml", "", new Dictionary<string, string> { ["TALK_MS"] = talkMs.ToString() }, []);
        run.WaitUntilListening();
        return run;
    }

    /// <summary>The carrier calls and stays until the box hangs up on it.</summary>
    public static SippRun CarrierCallHungUp(string sipp, EngineRig rig, int rtpPort) =>
        SippRun.Start(sipp, "uac_call_hung_up.xml", rig.Target, new Dictionary<string, string>(),
            ["-s", TestPlans.Main, "-key", "caller", Caller, "-key", "rtp_port", rtpPort.ToString()]);

    /// <summary>The carrier calls and cancels after <paramref name="afterMs"/> of early media.</summary>
    public static SippRun CarrierCancels(string sipp, EngineRig rig, int rtpPort, int afterMs) =>
        SippRun.Start(sipp, "uac_cancel.xml", rig.Target, new Dictionary<string, string> { ["TALK_MS"] = afterMs.ToString() },
            ["-s", TestPlans.Main, "-key", "caller", Caller, "-key", "rtp_port", rtpPort.ToString()]);

    /// <summary>Desk phone <paramref name="ext"/> calls extension <paramref name="target"/> with digest credentials.</summary>
    public static SippRun PhoneCalls(string sipp, EngineRig rig, string ext, string password, string target, int talkMs = 200) =>
        SippRun.Start(sipp, "uac_ext_call.xml", rig.Target, new Dictionary<string, string> { ["TALK_MS"] = talkMs.ToString() },
            ["-s", target, "-key", "ext", ext, "-key", "domain", EngineRig.Domain, "-au", ext, "-ap", password]);

    /// <summary>Registers <paramref name="ext"/> with digest, its contact on <paramref name="contactPort"/>.</summary>
    public static SippRun Registers(string sipp, EngineRig rig, string ext, string password, int contactPort) =>
        SippRun.Start(sipp, "register.xml", rig.Target, new Dictionary<string, string> { ["CONTACT_PORT"] = contactPort.ToString() },
            ["-key", "ext", ext, "-key", "domain", EngineRig.Domain, "-au", ext, "-ap", password]);

    /// <summary>The carrier calls and expects the refusal <paramref name="status"/> (and Retry-After when asked).</summary>
    public static SippRun RefusedCall(string sipp, EngineRig rig, int status, bool retryAfter = false, string caller = Caller) =>
        SippRun.Start(sipp, "uac_refused.xml", rig.Target,
            new Dictionary<string, string>
            {
                ["EXPECT"] = status.ToString(),
                ["CHECKS"] = retryAfter ? """<ereg regexp="Retry-After: *[0-9]+" search_in="msg" check_it="true" assign_to="retry"/><log message="retry [$retry]"/>""" : "",
            },
            ["-s", TestPlans.Main, "-key", "caller", caller]);

    /// <summary>
    /// The carrier calls the main number and, once it has the 183, runs <paramref name="media"/> (sipp actions:
    /// pcap plays, rtp_stream, INFO requests) while the box's menu runs; then it waits for the answer and hangs up.
    /// </summary>
    public static SippRun MenuCall(string sipp, EngineRig rig, string media, int talkMs = 300, int timeoutSeconds = 20) =>
        SippRun.Start(sipp, "uac_menu_call.xml", rig.Target, new Dictionary<string, string> { ["MEDIA"] = media, ["TALK_MS"] = talkMs.ToString() },
            ["-s", TestPlans.Main, "-key", "caller", Caller], timeoutSeconds: timeoutSeconds);

    /// <summary>sipp actions pressing <paramref name="keys"/> with sip-tester's RFC 4733 captures, <paramref name="gapMs"/> apart.</summary>
    public static string Rfc4733Keys(string keys, int gapMs = 400)
    {
        // No pause after the last key: sipp aborts a call whose answer arrives while it pauses.
        var text = new System.Text.StringBuilder();
        foreach (var k in keys)
        {
            var name = k switch { '*' => "star", '#' => "pound", _ => k.ToString() };
            text.Append($"<pause milliseconds=\"{gapMs}\"/><nop><action><exec play_pcap_audio=\"{SipTesterDir}/dtmf_2833_{name}.pcap\"/></action></nop>");
        }

        return text.ToString();
    }

    /// <summary>sipp actions sending each key as SIP INFO (RFC 2976) in the early dialog, <paramref name="gapMs"/> apart.</summary>
    public static string InfoKeys(string keys, string contentType = "application/dtmf-relay", int gapMs = 300)
    {
        var text = new System.Text.StringBuilder();
        var cseq = 2;
        foreach (var k in keys)
        {
            var body = contentType == "application/dtmf-relay" ? $"Signal={k}\r\nDuration=160\r\n" : k.ToString();
            text.Append($"""
                <pause milliseconds="{gapMs}"/>
                <send retrans="500"><![CDATA[
                  INFO sip:[service]@[remote_ip]:[remote_port] SIP/2.0
                  Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                  From: "[caller]" <sip:[caller]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
                  [last_To:]
                  Call-ID: [call_id]
                  CSeq: {cseq++} INFO
                  Max-Forwards: 70
                  Content-Type: {contentType}
                  Content-Length: [len]

                  {body}
                ]]></send>
                <recv response="200"/>
                """);
        }

        return text.ToString();
    }

    /// <summary>sipp action streaming a raw G.711 µ-law file (payload type 0) once.</summary>
    public static string Stream(string rawUlawFile) =>
        $"<nop><action><exec rtp_stream=\"{rawUlawFile},1,0\"/></action></nop>";

    /// <summary>A fax machine that answers after <paramref name="ringMs"/> and then runs <paramref name="media"/>; <paramref name="checks"/> as in <see cref="Answering"/>.</summary>
    public static SippRun FaxAnswering(string sipp, string media, string checks = "", int ringMs = 100)
    {
        var run = SippRun.Start(sipp, "uas_fax_answer.xml", "", new Dictionary<string, string> { ["RING_MS"] = ringMs.ToString(), ["CHECKS"] = checks, ["MEDIA"] = media }, []);
        run.WaitUntilListening();
        return run;
    }

    public const string SipTesterDir = "/usr/share/sip-tester";
}
