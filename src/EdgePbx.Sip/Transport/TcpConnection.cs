using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Sip.Transport;

/// <summary>
/// One TCP connection: frames the stream by Content-Length, answers CRLF keep-alive pings, and closes
/// itself when idle or when a message trickles in too slowly (timers from the injected TimeProvider).
/// </summary>
internal sealed class TcpConnection : IAsyncDisposable
{
    private static readonly byte[] Pong = "\r\n"u8.ToArray();
    private readonly Socket _socket;
    private readonly SipTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closed = new();

    public TcpConnection(long id, Socket socket, SipTransportOptions options, TimeProvider time, ILogger logger)
    {
        Id = id;
        _socket = socket;
        _options = options;
        _time = time;
        _logger = logger;
        Remote = (IPEndPoint)socket.RemoteEndPoint!;
        Local = (IPEndPoint)socket.LocalEndPoint!;
    }

    public long Id { get; }

    public IPEndPoint Remote { get; }

    public IPEndPoint Local { get; }

    public SipPeer Peer => new(SipTransportKind.Tcp, Remote, Id);

    public bool IsClosed => _closed.IsCancellationRequested;

    /// <summary>Reads until the peer closes, a limit is hit or <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(Func<ReadOnlyMemory<byte>, TcpConnection, ValueTask> onMessage, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_options.Limits.MaxMessageBytes + 4);
        var reason = "peer closed";
        try
        {
            int start = 0, filled = 0;
            long partialSince = -1;
            while (!ct.IsCancellationRequested && !IsClosed)
            {
                // Frame everything complete in the buffer.
                string? error = null;
                while (start < filled && error is null)
                {
                    var kind = SipFramer.Frame(buffer.AsSpan(start, filled - start), _options.Limits, out var length, out var frameError);
                    if (kind == FrameKind.NeedMore)
                    {
                        break;
                    }

                    switch (kind)
                    {
                        case FrameKind.Message:
                            await onMessage(buffer.AsMemory(start, length), this).ConfigureAwait(false);
                            break;
                        case FrameKind.KeepAlivePing:
                            // RFC 5626 3.5.1: answer a double-CRLF ping with a single-CRLF pong.
                            await SendAsync(Pong, ct).ConfigureAwait(false);
                            break;
                        case FrameKind.Error:
                            // The stream cannot be resynchronised after a framing error: answer if possible, close.
                            var response = MalformedRequestResponder.TryBuildResponse(buffer.AsSpan(start, filled - start), frameError!);
                            if (response is not null)
                            {
                                await SendAsync(response, ct).ConfigureAwait(false);
                            }

                            error = frameError!.What;
                            break;
                        default:
                            break;
                    }

                    start += length;
                }

                if (error is not null)
                {
                    reason = error;
                    break;
                }

                if (start == filled)
                {
                    start = filled = 0;
                    partialSince = -1;
                }
                else
                {
                    partialSince = partialSince < 0 ? _time.GetTimestamp() : partialSince;
                    Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                    filled -= start;
                    start = 0;
                }

                var timeout = partialSince < 0 ? _options.TcpIdleTimeout : _options.TcpMessageTimeout - _time.GetElapsedTime(partialSince);
                if (timeout <= TimeSpan.Zero)
                {
                    reason = "message not completed in time";
                    break;
                }

                using var timer = new CancellationTokenSource(timeout, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token, _closed.Token);
                int n;
                try
                {
                    n = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (timer.IsCancellationRequested)
                {
                    reason = partialSince < 0 ? "idle" : "message not completed in time";
                    break;
                }

                if (n == 0)
                {
                    break;
                }

                filled += n;
            }
        }
        catch (OperationCanceledException)
        {
            reason = "shutting down";
        }
        catch (SocketException e)
        {
            reason = e.SocketErrorCode.ToString();
        }
        catch (ObjectDisposedException)
        {
            reason = "closed";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            TransportLog.TcpClosed(_logger, Id, Remote, reason);
            Close();
        }
    }

    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        if (IsClosed)
        {
            return false;
        }

        await _sendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            while (!data.IsEmpty)
            {
                var sent = await _socket.SendAsync(data, SocketFlags.None, ct).ConfigureAwait(false);
                data = data[sent..];
            }

            return true;
        }
        catch (SocketException)
        {
            Close();
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public void Close()
    {
        if (!_closed.IsCancellationRequested)
        {
            _closed.Cancel();
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // already gone
            }

            _socket.Close();
        }
    }

    public ValueTask DisposeAsync()
    {
        Close();
        _closed.Dispose();
        _sendLock.Dispose();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
