using System.Globalization;
using System.Text;

namespace EdgePbx.Daemon.Logging;

/// <summary>
/// A growable run of UTF-8 log lines waiting to be written. It is reused from batch to batch, so a steady log rate
/// costs no allocation here; a burst that grew it past <see cref="KeptCapacity"/> gives the memory back after its write.
/// </summary>
internal sealed class LogBuffer
{
    /// <summary>The capacity a buffer keeps after it is written; a burst's larger array goes to the GC.</summary>
    public const int KeptCapacity = 256 * 1024;

    private const int InitialCapacity = 16 * 1024;

    private byte[] _bytes = new byte[InitialCapacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        Length += bytes.Length;
    }

    public void Append(byte value)
    {
        Reserve(1)[0] = value;
        Length++;
    }

    public void AppendUtf8(ReadOnlySpan<char> text)
    {
        int written = Encoding.UTF8.GetBytes(text, Reserve(Encoding.UTF8.GetMaxByteCount(text.Length)));
        Length += written;
    }

    public void AppendInt(int value)
    {
        value.TryFormat(Reserve(11), out int written, default, CultureInfo.InvariantCulture);
        Length += written;
    }

    /// <summary>Empties the buffer after its bytes were written.</summary>
    public void Clear()
    {
        Length = 0;
        if (_bytes.Length > KeptCapacity)
        {
            _bytes = new byte[InitialCapacity];
        }
    }

    private Span<byte> Reserve(int count)
    {
        if (_bytes.Length - Length < count)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + count));
        }

        return _bytes.AsSpan(Length);
    }
}
