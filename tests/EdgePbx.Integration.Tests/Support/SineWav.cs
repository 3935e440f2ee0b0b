namespace EdgePbx.Integration.Tests.Support;

/// <summary>Writes a mono 16-bit PCM WAV of one sine tone (a microphone for a headless phone).</summary>
public static class SineWav
{
    public static void Write(string path, int sampleRate, double frequency, TimeSpan length)
    {
        int samples = (int)(sampleRate * length.TotalSeconds);
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8);
        writer.Write(36 + (samples * 2));
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1); // PCM
        writer.Write((short)1); // mono
        writer.Write(sampleRate);
        writer.Write(sampleRate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        for (int i = 0; i < samples; i++)
        {
            writer.Write((short)(8000 * Math.Sin(2 * Math.PI * frequency * i / sampleRate)));
        }
    }
}
