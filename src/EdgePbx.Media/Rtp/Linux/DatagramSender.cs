using System.Net;
using System.Net.Sockets;

namespace EdgePbx.Media.Rtp.Linux;

/// <summary>
/// One sendto(2) with MSG_DONTWAIT on a socket's fd, held with DangerousAddRef for the call: the runtime's
/// Socket.SendTo does the same system call behind checks, telemetry and exception-based errors this path does
/// not need per packet. False when the socket is closed or the kernel refused (e.g. a pending ICMP error).
/// </summary>
internal static unsafe class DatagramSender
{
    public static bool TrySendTo(SafeSocketHandle handle, ReadOnlySpan<byte> datagram, SocketAddress to)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var address = to.Buffer.Span;
            fixed (byte* data = datagram)
            fixed (byte* name = address)
            {
                return LinuxSockets.SendTo((int)handle.DangerousGetHandle(), data, (nuint)datagram.Length, LinuxSockets.MsgDontWait, name, (uint)to.Size) == datagram.Length;
            }
        }
        catch (ObjectDisposedException)
        {
            // The leg was closed (its call ended) while the other leg was still forwarding to it.
            return false;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }
}
