using System.Diagnostics;
using EdgePbx.Media.Codecs;
using EdgePbx.Media.Sdp;

namespace EdgePbx.Switchboard.Tests.Support;

/// <summary>Caller speech made by real tools: espeak-ng says a sentence, sox makes it 8 kHz mono µ-law raw (what sipp's rtp_stream sends).</summary>
public sealed class Speech
{
    private Speech(string rawPath, byte[] ulaw)
    {
        RawPath = rawPath;
        Ulaw = ulaw;
    }

    /// <summary>The raw µ-law file for rtp_stream.</summary>
    public string RawPath { get; }

    public byte[] Ulaw { get; }

    public TimeSpan Length => TimeSpan.FromMilliseconds(Ulaw.Length / 8.0);

    /// <summary>Null (skip) when espeak-ng or sox is missing outside CI.</summary>
    public static Speech? Make(string sentence, string directory)
    {
        if (ExternalTool.RequireOrSkip("espeak-ng", "espeak-ng") is not { } espeak || ExternalTool.RequireOrSkip("sox", "sox") is not { } sox)
        {
            return null;
        }

        var wav = Path.Combine(directory, "speech.wav");
        var raw = Path.Combine(directory, "speech.ulaw");
        Run(espeak, "-v", "en", "-s", "150", "-w", wav, sentence);
        Run(sox, wav, "-r", "8000", "-c", "1", "-e", "mu-law", "-t", "raw", raw);
        // Whole 20 ms frames only: sipp pads a last partial packet with bytes of its own.
        var ulaw = File.ReadAllBytes(raw);
        ulaw = ulaw[..(ulaw.Length / 160 * 160)];
        File.WriteAllBytes(raw, ulaw);
        return new Speech(raw, ulaw);
    }

    /// <summary>
    /// How much of the speech ends with its last 20 ms frame louder than <paramref name="silenceLevel"/> (mean absolute
    /// sample): the quiet tail after it is what a recording that drops trailing silence leaves out.
    /// </summary>
    public TimeSpan UpToLastSpeech(int silenceLevel)
    {
        var pcm = new short[Ulaw.Length];
        G711.Decode(AudioCodec.Pcmu, Ulaw, pcm);
        var frames = pcm.Length / 160;
        for (var f = frames - 1; f >= 0; f--)
        {
            long sum = 0;
            for (var i = f * 160; i < (f + 1) * 160; i++)
            {
                sum += Math.Abs((int)pcm[i]);
            }

            if (sum / 160 >= silenceLevel)
            {
                return TimeSpan.FromMilliseconds((f + 1) * 20);
            }
        }

        return TimeSpan.Zero;
    }

    private static void Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{tool} failed: {err}");
    }
}
