using System.Buffers.Binary;
using System.Globalization;

namespace EdgePbx.Media.Prompts;

/// <summary>
/// Walks a WAV file's RIFF chunks before NAudio reads it, because NAudio trusts the sizes a header claims (a
/// "fmt " chunk claiming 2 GB is allocated whole, a data chunk is read as long as it says): every chunk must fit
/// in the real file, "fmt " must be a plausible format and come before "data", and the data must not last
/// longer than <see cref="WavPromptLoader.MaxLength"/>. Reads only chunk headers and the format; the stream is
/// left where it was found.
/// </summary>
internal static class WavChunkCheck
{
    /// <summary>RIFF header (12), "fmt " with the 16-byte PCM format (24) and the "data" header (8).</summary>
    private const int SmallestWav = 44;

    /// <summary>WAVE_FORMAT_EXTENSIBLE takes 40 bytes; nothing we could play needs more than a few dozen.</summary>
    private const int LargestFormat = 1024;

    /// <summary>Null when the chunks are sound, else the sentence (without the file name) saying what is wrong.</summary>
    public static string? Problem(Stream wav, TimeSpan maxLength)
    {
        long start = wav.Position;
        try
        {
            return Walk(wav, start, wav.Length - start, maxLength);
        }
        finally
        {
            wav.Position = start;
        }
    }

    private static string? Walk(Stream wav, long origin, long fileLength, TimeSpan maxLength)
    {
        Span<byte> header = stackalloc byte[12];
        if (fileLength < SmallestWav || !Fill(wav, header) || !header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
        {
            return "not a WAV file (it does not start with RIFF…WAVE); save it as WAV, 8000 Hz mono";
        }

        long riff = BinaryPrimitives.ReadUInt32LittleEndian(header[4..8]);
        if (riff > fileLength - 8)
        {
            return Damaged($"the RIFF chunk claims {riff} bytes, the file has {fileLength - 8}");
        }

        // Chunks past the RIFF chunk's end are not part of the WAV (NAudio stops there too).
        long end = 8 + riff;
        long bytesPerSecond = 0;
        var format = false;
        Span<byte> chunk = stackalloc byte[8];
        Span<byte> fmt = stackalloc byte[16];
        for (long at = 12; at + 8 <= end;)
        {
            wav.Position = origin + at;
            if (!Fill(wav, chunk))
            {
                break;
            }

            var id = System.Text.Encoding.ASCII.GetString(chunk[..4]).Trim();
            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..8]);
            long left = end - (at + 8);
            if (size > left)
            {
                return Damaged($"the {id} chunk claims {size} bytes, the file has {left} left");
            }

            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                if (size is < 16 or > LargestFormat)
                {
                    return Damaged($"the fmt chunk is {size} bytes; a format takes 16 to {LargestFormat}");
                }

                if (!Fill(wav, fmt))
                {
                    return Damaged("the fmt chunk is cut short");
                }

                format = true;
                long rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..8]);
                int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..4]);
                int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..16]);
                // What a PCM, float or G.711 reader takes from the file per second; 0 for formats the loader refuses.
                bytesPerSecond = rate * channels * ((bits + 7) / 8);
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                if (!format)
                {
                    return Damaged("the data chunk comes before the format chunk");
                }

                if (bytesPerSecond > 0 && size / (double)bytesPerSecond > maxLength.TotalSeconds)
                {
                    return string.Create(CultureInfo.InvariantCulture,
                        $"{size / (double)bytesPerSecond:0} s of audio is longer than a prompt may last ({maxLength.TotalSeconds:0} s)");
                }

                return null;
            }

            at += 8 + size + (size & 1);
        }

        return Damaged("there is no data chunk");
    }

    private static string Damaged(string what) => "a damaged WAV file: " + what;

    private static bool Fill(Stream wav, Span<byte> buffer)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = wav.Read(buffer[total..])) > 0)
        {
            total += read;
        }

        return total == buffer.Length;
    }
}
