using NAudio.Wave;

namespace EdgePbx.Media.Prompts;

/// <summary>
/// Records a leg to an 8 kHz mono 16-bit WAV (NAudio's WaveFileWriter) for voicemail, stopping at a maximum
/// length; the engine stops it early on '#' or long silence and then disposes it to finish the header.
/// </summary>
public sealed class WavRecorder(Stream destination, TimeSpan maxLength) : IDisposable
{
    private readonly WaveFileWriter _writer = new(destination, new WaveFormat(8000, 16, 1));
    private readonly long _maxSamples = (long)(maxLength.TotalSeconds * 8000);
    private readonly byte[] _buffer = new byte[320];

    public long SamplesWritten { get; private set; }

    public bool Full => SamplesWritten >= _maxSamples;

    /// <summary>Appends samples up to the maximum length; returns false once the recording is full.</summary>
    public bool Write(ReadOnlySpan<short> samples)
    {
        var room = (int)Math.Min(samples.Length, _maxSamples - SamplesWritten);
        var remaining = samples[..room];
        while (!remaining.IsEmpty)
        {
            var chunk = remaining[..Math.Min(remaining.Length, _buffer.Length / 2)];
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(chunk).CopyTo(_buffer);
            _writer.Write(_buffer, 0, chunk.Length * 2);
            remaining = remaining[chunk.Length..];
        }

        SamplesWritten += room;
        return !Full;
    }

    public void Dispose() => _writer.Dispose();
}
