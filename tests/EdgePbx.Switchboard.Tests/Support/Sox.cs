using System.Diagnostics;

namespace EdgePbx.Switchboard.Tests.Support;

/// <summary>Makes test audio with sox (and espeak-ng) at test time: raw 8 kHz G.711 µ-law files for sipp's rtp_stream.</summary>
public static class Sox
{
    /// <summary>sox's path, or null when the test must skip (throws under CI=true).</summary>
    public static string? Find() => ExternalTool.RequireOrSkip("sox", "sox");

    /// <summary>Runs a tool and fails the test with its error output when it does not exit 0.</summary>
    public static void Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        _ = p.StandardOutput.ReadToEndAsync();
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(120)), $"{tool} did not finish");
        Assert.True(p.ExitCode == 0, $"{tool} {string.Join(' ', args)}: exit {p.ExitCode}\n{stderr.Result}");
    }

    /// <summary>
    /// A raw µ-law file of <paramref name="pieces"/> in order: each is a sox synth effect chain for one piece,
    /// e.g. "0.5 sine 1100" or "0.3 sine 0" (silence), mixed to mono at -10 dBFS per tone.
    /// </summary>
    public static string UlawFile(string sox, string directory, string name, params string[] pieces)
    {
        var parts = new List<string>();
        for (var i = 0; i < pieces.Length; i++)
        {
            var part = Path.Combine(directory, $"{name}-{i}.wav");
            var synth = pieces[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var silent = synth is [_, "silence"];
            Run(sox, ["-n", "-r", "8000", "-c", "1", "-b", "16", part, "synth", synth[0], .. silent ? ["sine", "0"] : synth[1..], "channels", "1", "gain", silent ? "-200" : "-10"]);
            parts.Add(part);
        }

        var output = Path.Combine(directory, name + ".ul");
        Run(sox, [.. parts, "-r", "8000", "-c", "1", "-e", "u-law", "-t", "raw", output]);
        return output;
    }

    /// <summary>DTMF row and column tones of <paramref name="key"/> as a synth chain lasting <paramref name="seconds"/>.</summary>
    public static string Dtmf(char key, double seconds)
    {
        var (low, high) = key switch
        {
            '1' => (697, 1209), '2' => (697, 1336), '3' => (697, 1477),
            '4' => (770, 1209), '5' => (770, 1336), '6' => (770, 1477),
            '7' => (852, 1209), '8' => (852, 1336), '9' => (852, 1477),
            '*' => (941, 1209), '0' => (941, 1336), _ => (941, 1477),
        };
        return FormattableString.Invariant($"{seconds} sine {low} sine {high}");
    }
}
