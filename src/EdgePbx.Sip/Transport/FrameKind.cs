namespace EdgePbx.Sip.Transport;

/// <summary>What the stream framer found at the start of a buffer.</summary>
public enum FrameKind
{
    NeedMore = 0,
    Message,
    KeepAlivePing,
    Crlf,
    Error,
}
