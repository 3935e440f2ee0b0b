using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Logging;

/// <summary>
/// The queue of formatted lines and the thread that writes them: every batch leaves in one <see cref="Stream.Write(ReadOnlySpan{byte})"/>.
/// </summary>
/// <remarks>
/// When the writer wakes: after a write it waits <see cref="LogBatchOptions.Interval"/> for more lines, so a steady log
/// rate costs at most one wake-up and one write(2) per interval, and no logging thread ever wakes it. When an interval
/// passes with nothing logged it sleeps without a timeout, and the next line wakes it and is written at once (an idle
/// box costs nothing; a lone line is not held back). Within an interval only three things wake it early:
/// <list type="bullet">
/// <item>a Warning or worse, because those are the lines wanted if the process dies next (a systemd watchdog abort or an
/// OOM kill does not dispose the host) and the ones an operator watching the journal waits for; a normal day has few;</item>
/// <item><see cref="LogBatchOptions.WakeAtBytes"/> queued, so a burst goes out in pieces rather than reaching the bound;</item>
/// <item>disposal.</item>
/// </list>
/// </remarks>
internal sealed class LogBatchWriter : IDisposable
{
    // Monitor rather than System.Threading.Lock: the writer waits on the gate (Monitor.Wait), and Lock has no condition.
    private readonly object _gate = new();

    // Held from taking a batch until it is written, so a Flush from another thread cannot overtake the writer's batch.
    private readonly Lock _writeLock = new();

    private readonly Stream _output;
    private readonly LogBatchOptions _options;
    private readonly byte[] _ownCategory = Encoding.UTF8.GetBytes(typeof(BatchedConsoleLoggerProvider).FullName!);
    private readonly Thread? _thread;

    // Guarded by _gate.
    private LogBuffer _pending = new();
    private LogBuffer _spare = new();
    private int _pendingLines;
    private long _dropped;
    private bool _idle;
    private bool _urgent;
    private bool _stopping;
    private bool _stopped;

    public LogBatchWriter(Stream output, LogBatchOptions options)
    {
        _output = output;
        _options = options;
        if (options.WriterThread)
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "Log writer" };
            _thread.Start();
        }
    }

    /// <summary>Formats one entry into the queue, or counts it as dropped when the queue is full. Never waits for output.</summary>
    public void Append(LogLevel level, ReadOnlySpan<byte> category, int eventId, string? message, string? exception)
    {
        bool writeHere;
        lock (_gate)
        {
            if (_pendingLines >= _options.MaxQueuedLines || _pending.Length >= _options.MaxQueuedBytes)
            {
                _dropped++;
                return;
            }

            LogLineFormatter.Write(_pending, _options.Format, level, category, eventId, message, exception);
            _pendingLines++;
            bool urgent = level >= LogLevel.Warning || _pending.Length >= _options.WakeAtBytes;
            if (_idle || (urgent && !_urgent))
            {
                Monitor.Pulse(_gate);
            }

            _urgent |= urgent;
            writeHere = _stopped;
        }

        // After disposal there is no writer: a late line (another service's disposal) is written by its own thread.
        if (writeHere)
        {
            WriteQueued();
        }
    }

    /// <summary>Writes everything queued (and the count of lines dropped, if any) in one write; false when nothing was queued.</summary>
    public bool WriteQueued()
    {
        lock (_writeLock)
        {
            LogBuffer batch;
            lock (_gate)
            {
                if (_dropped > 0)
                {
                    // The drops happened after every line already queued (the queue was full), so the count goes last.
                    string message = string.Create(
                        CultureInfo.InvariantCulture, $"{_dropped} log lines dropped: {_options.MaxQueuedLines} lines (or {_options.MaxQueuedBytes} bytes) were already waiting to be written");
                    LogLineFormatter.Write(_pending, _options.Format, LogLevel.Warning, _ownCategory, 1, message, null);
                    _dropped = 0;
                }

                if (_pending.Length == 0)
                {
                    return false;
                }

                batch = _pending;
                _pending = _spare;
                _spare = batch;
                _pendingLines = 0;
                _urgent = false;
            }

            try
            {
                _output.Write(batch.Written);
                _output.Flush();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // Standard output is gone (closed pipe): there is nowhere left to report it, and the writer must not die of it.
            }
            finally
            {
                batch.Clear();
            }

            return true;
        }
    }

    /// <summary>Writes what is queued and stops the writer thread; later lines are written by the thread that logs them.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            Monitor.Pulse(_gate);
        }

        // A writer stuck on a blocked standard output keeps its batch; the exit does not wait for it.
        if (_thread is not null && !_thread.Join(_options.StopTimeout))
        {
            return;
        }

        lock (_gate)
        {
            _stopped = true;
        }

        WriteQueued();
    }

    private void Run()
    {
        bool wroteLast = false;
        while (true)
        {
            lock (_gate)
            {
                if (!_stopping && !_urgent)
                {
                    if (wroteLast)
                    {
                        Monitor.Wait(_gate, _options.Interval);
                    }
                    else
                    {
                        _idle = true;
                        while (_pendingLines == 0 && _dropped == 0 && !_stopping)
                        {
                            Monitor.Wait(_gate);
                        }

                        _idle = false;
                    }
                }

                if (_stopping && _pendingLines == 0 && _dropped == 0)
                {
                    return;
                }
            }

            wroteLast = WriteQueued();
        }
    }
}
