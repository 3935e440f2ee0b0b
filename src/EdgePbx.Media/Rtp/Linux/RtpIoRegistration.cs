namespace EdgePbx.Media.Rtp.Linux;

/// <summary>
/// A socket's place in an <see cref="RtpIoLoop"/>, kept for the socket's whole life (it is pooled between
/// sessions); <see cref="RtpSocket"/> calls it under its gate.
/// </summary>
internal sealed class RtpIoRegistration(RtpIoLoop loop, RtpSocket socket, int slot, ulong token)
{
    public RtpSocket Socket { get; } = socket;

    /// <summary>The loop that reads the socket.</summary>
    public RtpIoLoop Loop { get; } = loop;

    public int Slot { get; } = slot;

    /// <summary>Slot and generation, as carried in epoll_data.</summary>
    public ulong Token { get; } = token;

    /// <summary>Back into the loop's epoll set; false if the socket is closing.</summary>
    public bool Watch() => Loop.Watch(this);

    /// <summary>Out of the loop's epoll set (the slot stays the socket's).</summary>
    public void Unwatch() => Loop.Unwatch(this);

    /// <summary>The socket is about to close: out of the set if <paramref name="watched"/>, and the slot freed.</summary>
    public void Dispose(bool watched) => Loop.Remove(this, watched);
}
