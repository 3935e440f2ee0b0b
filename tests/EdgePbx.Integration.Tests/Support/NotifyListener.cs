using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace EdgePbx.Integration.Tests.Support;

/// <summary>A unix datagram socket standing in for systemd's NOTIFY_SOCKET; records every message with its arrival time.</summary>
public sealed class NotifyListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly BlockingCollection<(DateTime At, string State)> _messages = [];
    private readonly Thread _reader;
    private readonly string _directory;

    public NotifyListener()
    {
        _directory = Directory.CreateTempSubdirectory("edgepbx-notify-").FullName;
        SocketPath = System.IO.Path.Combine(_directory, "notify.sock");
        _socket.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _reader = new Thread(Read) { IsBackground = true };
        _reader.Start();
    }

    public string SocketPath { get; }

    public List<(DateTime At, string State)> Received { get; } = [];

    /// <summary>Waits for a message containing <paramref name="state"/>; returns its arrival time or null on timeout.</summary>
    public DateTime? WaitFor(string state, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_messages.TryTake(out var message, deadline - DateTime.UtcNow > TimeSpan.Zero ? deadline - DateTime.UtcNow : TimeSpan.Zero))
            {
                lock (Received)
                {
                    Received.Add(message);
                }
                if (message.State.Split('\n').Contains(state))
                {
                    return message.At;
                }
            }
        }
        return null;
    }

    /// <summary>Collects every message that arrives within <paramref name="window"/>.</summary>
    public List<(DateTime At, string State)> Collect(TimeSpan window)
    {
        var deadline = DateTime.UtcNow + window;
        var collected = new List<(DateTime, string)>();
        while (DateTime.UtcNow < deadline)
        {
            var left = deadline - DateTime.UtcNow;
            if (left > TimeSpan.Zero && _messages.TryTake(out var message, left))
            {
                collected.Add(message);
            }
        }
        return collected;
    }

    private void Read()
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                int n = _socket.Receive(buffer);
                _messages.Add((DateTime.UtcNow, Encoding.UTF8.GetString(buffer, 0, n)));
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _messages.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
