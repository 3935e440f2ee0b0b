using System.Buffers.Binary;

namespace EdgePbx.Web.Tests.Support;

/// <summary>WAV files built byte by byte for upload tests: a 440 Hz tone in the format asked for.</summary>
public static class TestWav
{
    public const short Pcm = 1;
    public const short ALaw = 6;
    public const short MuLaw = 7;

    public static byte[] Tone(double seconds = 1.0, int rate = 8000, short channels = 1, short bits = 16, short format = Pcm)
    {
        var frames = (int)(seconds * rate);
        var bytesPerSample = bits / 8;
        var data = new byte[frames * channels * bytesPerSample];
        for (var i = 0; i < frames; i++)
        {
            var sample = (short)(Math.Sin(2 * Math.PI * 440 * i / rate) * 8000);
            for (var c = 0; c < channels; c++)
            {
                var at = ((i * channels) + c) * bytesPerSample;
                if (bytesPerSample == 2)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(at), sample);
                }
                else
                {
                    // Any byte pattern is valid G.711; a varying one is enough for a test tone.
                    data[at] = (byte)(0x55 ^ (sample >> 8));
                }
            }
        }

        var wav = new byte[44 + data.Length];
        var s = wav.AsSpan();
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], 36 + data.Length);
        "WAVE"u8.CopyTo(s[8..]);
        "fmt "u8.CopyTo(s[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(s[20..], format);
        BinaryPrimitives.WriteInt16LittleEndian(s[22..], channels);
        BinaryPrimitives.WriteInt32LittleEndian(s[24..], rate);
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], rate * channels * bytesPerSample);
        BinaryPrimitives.WriteInt16LittleEndian(s[32..], (short)(channels * bytesPerSample));
        BinaryPrimitives.WriteInt16LittleEndian(s[34..], bits);
        "data"u8.CopyTo(s[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[40..], data.Length);
        data.CopyTo(s[44..]);
        return wav;
    }
}
