using System.Net.Sockets;

namespace EdgePbx.Daemon.Hosting;

/// <summary>A listener could not bind; the message names the setting and the address.</summary>
public sealed class ListenerBindException : Exception
{
    public ListenerBindException(string setting, string address, SocketException inner)
        : base(Describe(setting, address, inner), inner)
    {
        IsAddressInUse = inner?.SocketErrorCode == SocketError.AddressAlreadyInUse;
    }

    public ListenerBindException()
    {
    }

    public ListenerBindException(string message) : base(message)
    {
    }

    public ListenerBindException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public bool IsAddressInUse { get; }

    private static string Describe(string setting, string address, SocketException inner) => inner?.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => $"{setting} {address}: address already in use",
        SocketError.AddressNotAvailable => $"{setting} {address}: no such address on this machine",
        SocketError.AccessDenied => $"{setting} {address}: permission denied (ports below 1024 need CAP_NET_BIND_SERVICE)",
        _ => $"{setting} {address}: cannot bind: {inner?.Message}",
    };
}
