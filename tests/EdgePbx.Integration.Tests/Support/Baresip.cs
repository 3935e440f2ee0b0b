using System.Globalization;

namespace EdgePbx.Integration.Tests.Support;

/// <summary>
/// Debian's baresip as a headless desk phone (recipe in shared/docs/peers.md): a config folder of its
/// own with one account, audio from and to WAV files, commands given with -e, quitting after -t seconds.
/// The microphone is an 8 kHz WAV: baresip 1.0's ausine source runs at 48 kHz only and fails a PCMU
/// stream ("ausine: supports only 48kHz samplerate"), which closes the call as soon as it is answered.
/// </summary>
public static class Baresip
{
    public static string? Find() => ExternalTool.RequireOrSkip("baresip", "baresip");

    /// <summary>Writes the config folder for <paramref name="user"/> registering with digest at the box on <paramref name="boxPort"/>.</summary>
    public static string Configure(string user, string password, int boxPort)
    {
        var dir = Directory.CreateTempSubdirectory("edgepbx-baresip-").FullName;
        var port = FreePorts.UdpAndTcp().ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(dir, "accounts"),
            $"<sip:{user}@127.0.0.1:{boxPort};transport=udp>;auth_user={user};auth_pass={password};regint=60;audio_codecs=PCMU\n");
        File.WriteAllText(Path.Combine(dir, "contacts"), string.Empty);
        SineWav.Write(Path.Combine(dir, "in.wav"), 8000, 440, TimeSpan.FromSeconds(20));
        File.WriteAllText(Path.Combine(dir, "config"), string.Join('\n',
            $"sip_listen 127.0.0.1:{port}",
            "audio_player aufile," + Path.Combine(dir, "out.wav"),
            "audio_source aufile," + Path.Combine(dir, "in.wav"),
            "audio_alert aufile," + Path.Combine(dir, "alert.wav"),
            "module_path /usr/lib/baresip/modules",
            "module g711.so",
            "module aufile.so",
            "module_app account.so",
            "module_app menu.so",
            "rtp_ports 20000-20999",
            string.Empty));
        return dir;
    }

    /// <summary>Runs baresip with <paramref name="commands"/> for <paramref name="seconds"/>; returns its exit code and output.</summary>
    public static (int ExitCode, string Output) Run(string baresip, string configDirectory, int seconds, params string[] commands)
    {
        var args = new List<string> { "-f", configDirectory, "-t", seconds.ToString(CultureInfo.InvariantCulture) };
        foreach (var c in commands)
        {
            args.Add("-e");
            args.Add(c);
        }

        return ExternalTool.Run(baresip, args, TimeSpan.FromSeconds(seconds + 15), configDirectory);
    }
}
