namespace EdgePbx.Media.Rtp.Linux;

/// <summary>A session's place in an <see cref="RtpIoLoop"/>; disposing it stops receiving (before the socket closes).</summary>
internal sealed class RtpIoRegistration(RtpIoLoop loop, RtpSession session, int slot, ulong token) : IDisposable
{
    public RtpSession Session { get; } = session;

    public int Slot { get; } = slot;

    /// <summary>Slot and generation, as carried in epoll_data.</summary>
    public ulong Token { get; } = token;

    public void Dispose() => loop.Remove(this);
}
