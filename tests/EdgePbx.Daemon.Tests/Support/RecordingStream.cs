using System.Text;

namespace EdgePbx.Daemon.Tests.Support;

/// <summary>A write-only stream that keeps each write apart, so a test can count the writes a logger made and read them.</summary>
internal sealed class RecordingStream : Stream
{
    private readonly List<string> _writes = [];
    private readonly SemaphoreSlim _written = new(0);

    public IReadOnlyList<string> Writes
    {
        get
        {
            lock (_writes)
            {
                return [.. _writes];
            }
        }
    }

    public string Text => string.Concat(Writes);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Waits for the next write (made by a writer thread); false if none came within <paramref name="patience"/>.</summary>
    public bool WaitForWrite(TimeSpan patience) => _written.Wait(patience);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_writes)
        {
            _writes.Add(Encoding.UTF8.GetString(buffer));
        }

        _written.Release();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _written.Dispose();
        }

        base.Dispose(disposing);
    }
}
