namespace EdgePbx.Switchboard.Tests.Support;

/// <summary>The sipp roles of the hold and resume tests (re-INVITEs from either side), over <see cref="SippRun"/>.</summary>
public static class HoldPeers
{
    /// <summary>The byte every RTP payload of <see cref="StreamFile"/> carries: relayed audio is recognised by it.</summary>
    public const byte StreamByte = 0x2A;

    /// <summary>A raw PCMU file of one second of <see cref="StreamByte"/> for sipp's rtp_stream.</summary>
    public static string StreamFile()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("stream-").FullName, "phone.pcmu");
        File.WriteAllBytes(path, Enumerable.Repeat(StreamByte, 8000).ToArray());
        return path;
    }

    /// <summary>The carrier calls, holds with a=<paramref name="hold"/> (expecting a=<paramref name="heldAnswer"/>), resumes, talks, hangs up.</summary>
    public static SippRun CarrierHoldsAndResumes(string sipp, EngineRig rig, int rtpPort, string hold, string heldAnswer, int talkMs, int holdMs = 300) =>
        SippRun.Start(sipp, "uac_hold_resume.xml", rig.Target,
            new Dictionary<string, string> { ["HOLD"] = hold, ["HELD_ANSWER"] = heldAnswer, ["TALK_MS"] = talkMs.ToString(), ["HOLD_MS"] = holdMs.ToString() },
            ["-s", TestPlans.Main, "-key", "caller", Peers.Caller, "-key", "rtp_port", rtpPort.ToString()]);

    /// <summary>A phone that answers and, <paramref name="waitMs"/> after the ACK, streams <paramref name="stream"/> until BYE.</summary>
    public static SippRun AnswersAndStreams(string sipp, string stream, int waitMs)
    {
        var run = SippRun.Start(sipp, "uas_answer_stream.xml", "", new Dictionary<string, string> { ["WAIT_MS"] = waitMs.ToString(), ["STREAM"] = stream }, []);
        run.WaitUntilListening();
        return run;
    }

    /// <summary>A phone that answers, holds with a=<paramref name="hold"/> (expecting a=<paramref name="heldAnswer"/>), resumes, then streams until BYE.</summary>
    public static SippRun HoldsResumesAndStreams(string sipp, string stream, string hold, string heldAnswer, int waitMs)
    {
        var run = SippRun.Start(sipp, "uas_hold_resume.xml", "",
            new Dictionary<string, string> { ["HOLD"] = hold, ["HELD_ANSWER"] = heldAnswer, ["WAIT_MS"] = waitMs.ToString(), ["STREAM"] = stream }, []);
        run.WaitUntilListening();
        return run;
    }

    /// <summary>A phone that streams from the answer on, holds after <paramref name="holdAfterMs"/> for <paramref name="holdMs"/>, resumes and streams until BYE.</summary>
    public static SippRun StreamsHoldsAndResumes(string sipp, string stream, string hold, string heldAnswer, int holdAfterMs, int holdMs)
    {
        var run = SippRun.Start(sipp, "uas_stream_hold_resume.xml", "",
            new Dictionary<string, string>
            {
                ["HOLD"] = hold, ["HELD_ANSWER"] = heldAnswer, ["HOLD_AFTER_MS"] = holdAfterMs.ToString(), ["HOLD_MS"] = holdMs.ToString(), ["STREAM"] = stream,
            }, []);
        run.WaitUntilListening();
        return run;
    }

    /// <summary>A phone that answers with its media at <paramref name="rtpPort"/> (the test's listener), sends nothing and waits for BYE.</summary>
    public static SippRun AnswersAndListens(string sipp, int rtpPort)
    {
        var run = SippRun.Start(sipp, "uas_answer_listen.xml", "", new Dictionary<string, string> { ["RTP_PORT"] = rtpPort.ToString() }, []);
        run.WaitUntilListening();
        return run;
    }

    /// <summary>
    /// Writes the rig's music on hold (prompts/hold-music.wav) as one constant sample, so every frame of it the
    /// box sends is <see cref="MusicByte"/>: the tests tell the box's music from the phone's stream and silence.
    /// </summary>
    public static void WriteHoldMusic(EngineRig rig)
    {
        var path = Path.Combine(rig.PromptDirectory, "prompts", "hold-music.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        TestWav.Write(path, Enumerable.Repeat(MusicSample, 8000).ToArray());
    }

    /// <summary>The sample of <see cref="WriteHoldMusic"/>'s file.</summary>
    public const short MusicSample = 3000;

    /// <summary>PCMU of <see cref="MusicSample"/>.</summary>
    public static byte MusicByte
    {
        get
        {
            var encoded = new byte[1];
            EdgePbx.Media.Codecs.G711.Encode(EdgePbx.Media.Sdp.AudioCodec.Pcmu, [MusicSample], encoded);
            return encoded[0];
        }
    }

    /// <summary>Packets carrying the box's music on hold (see <see cref="WriteHoldMusic"/>).</summary>
    public static bool IsMusic((int PayloadType, byte[] Payload) p) => p.PayloadType == 0 && p.Payload.Length > 0 && p.Payload.All(b => b == MusicByte);

    /// <summary>Packets carrying the phone's stream.</summary>
    public static bool IsStream((int PayloadType, byte[] Payload) p) => p.PayloadType == 0 && p.Payload.Length > 0 && p.Payload.All(b => b == StreamByte);

    /// <summary>How many RTP packets reaching the caller carry the phone's stream (not ringback or silence).</summary>
    public static int StreamPackets(IEnumerable<(int PayloadType, byte[] Payload)> packets) =>
        packets.Count(p => p.PayloadType == 0 && p.Payload.Length > 0 && p.Payload.All(b => b == StreamByte));
}
