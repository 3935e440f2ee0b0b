namespace EdgePbx.Media.Sdp;

/// <summary>
/// Walks the lines of a description without splitting it into strings. Lines end at LF; trailing CRs are
/// dropped, so CRLF (RFC 4566 5) and the bare LF some phones send read the same. Line numbers count every
/// LF-separated piece, the empty one after a final LF included, as error messages have always done.
/// </summary>
internal ref struct SdpLineReader(ReadOnlySpan<char> text)
{
    private ReadOnlySpan<char> _rest = text;
    private bool _done;

    /// <summary>The 1-based number of the line last read; after the last one, how many lines there were.</summary>
    public int Number { get; private set; }

    public bool TryRead(out ReadOnlySpan<char> line)
    {
        if (_done)
        {
            line = default;
            return false;
        }

        Number++;
        var newline = _rest.IndexOf('\n');
        if (newline < 0)
        {
            line = _rest;
            _done = true;
        }
        else
        {
            line = _rest[..newline];
            _rest = _rest[(newline + 1)..];
        }

        line = line.TrimEnd('\r');
        return true;
    }
}
