using EdgePbx.Media.Sdp;
using NAudio.Codecs;

namespace EdgePbx.Media.Codecs;

/// <summary>
/// ITU-T G.711 µ-law and A-law over spans, one byte per 16-bit sample, using NAudio.Core's codec
/// functions (no allocation; the span lengths decide how many samples are converted).
/// </summary>
public static class G711
{
    public static void Encode(AudioCodec codec, ReadOnlySpan<short> pcm, Span<byte> encoded)
    {
        if (encoded.Length < pcm.Length)
        {
            throw new ArgumentException("destination shorter than the source", nameof(encoded));
        }

        if (codec == AudioCodec.Pcmu)
        {
            for (var i = 0; i < pcm.Length; i++)
            {
                encoded[i] = MuLawEncoder.LinearToMuLawSample(pcm[i]);
            }
        }
        else
        {
            for (var i = 0; i < pcm.Length; i++)
            {
                encoded[i] = ALawEncoder.LinearToALawSample(pcm[i]);
            }
        }
    }

    public static void Decode(AudioCodec codec, ReadOnlySpan<byte> encoded, Span<short> pcm)
    {
        if (pcm.Length < encoded.Length)
        {
            throw new ArgumentException("destination shorter than the source", nameof(pcm));
        }

        if (codec == AudioCodec.Pcmu)
        {
            for (var i = 0; i < encoded.Length; i++)
            {
                pcm[i] = MuLawDecoder.MuLawToLinearSample(encoded[i]);
            }
        }
        else
        {
            for (var i = 0; i < encoded.Length; i++)
            {
                pcm[i] = ALawDecoder.ALawToLinearSample(encoded[i]);
            }
        }
    }

    /// <summary>PCMU↔PCMA for a relay whose legs negotiated different laws; same law is a copy.</summary>
    public static void Transcode(AudioCodec from, AudioCodec to, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("destination shorter than the source", nameof(destination));
        }

        if (from == to)
        {
            source.CopyTo(destination);
            return;
        }

        if (from == AudioCodec.Pcmu)
        {
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = ALawEncoder.LinearToALawSample(MuLawDecoder.MuLawToLinearSample(source[i]));
            }
        }
        else
        {
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = MuLawEncoder.LinearToMuLawSample(ALawDecoder.ALawToLinearSample(source[i]));
            }
        }
    }

    /// <summary>The code for digital silence (RFC 3551 4.5.14: 0xFF for µ-law, 0xD5 for A-law).</summary>
    public static byte SilenceByte(AudioCodec codec) => codec == AudioCodec.Pcmu ? (byte)0xFF : (byte)0xD5;
}
