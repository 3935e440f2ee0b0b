using System.Collections.Concurrent;
using EdgePbx.Sip.Threading;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Switchboard.Engine;

/// <summary>
/// One partition of the engine loop: runs its queue in order, one item at a time, never on two threads at
/// once. An idle partition that gets work is drained on the SIP thread that made the work, right after the
/// datagram or the batch of timers it was handling (<see cref="SipThreadWork"/>), else on the thread pool: a
/// pool wake-up per SIP message was the largest single cost left in the call load run (bench/calls).
/// </summary>
internal sealed partial class EngineWorker : IThreadPoolWorkItem
{
    /// <summary>Items one drain runs before it yields its thread (the receive thread has datagrams to read).</summary>
    private const int DrainBatch = 64;

    private readonly ConcurrentQueue<Action> _queue = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _index;
    private readonly ILogger _logger;
    private long _lastAnsweredProbe;
    private int _scheduled;
    private volatile bool _started;
    private volatile bool _completed;

    public EngineWorker(int index, ILogger logger)
    {
        _index = index;
        _logger = logger;
    }

    /// <summary>Completes once <see cref="Complete"/> was called and the queue has run dry.</summary>
    public Task Completion => _completion.Task;

    public long LastAnsweredProbe => Interlocked.Read(ref _lastAnsweredProbe);

    public void Start()
    {
        _started = true;
        Schedule();
    }

    public bool Post(Action work)
    {
        if (_completed)
        {
            return false;
        }

        _queue.Enqueue(work);
        if (_started)
        {
            Schedule();
        }

        return true;
    }

    public void Answer(long probe) => Interlocked.Exchange(ref _lastAnsweredProbe, probe);

    public void Complete()
    {
        _completed = true;
        if (_started)
        {
            Schedule();
        }
        else
        {
            _completion.TrySetResult();
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        for (var n = 0; n < DrainBatch && _queue.TryDequeue(out var work); n++)
        {
            try
            {
                work();
            }
#pragma warning disable CA1031 // One failing handler must not stop every other call on this worker.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogWorkFailed(_logger, ex, _index);
            }
        }

        Volatile.Write(ref _scheduled, 0);
        if (!_queue.IsEmpty)
        {
            Schedule(deferrable: false);
        }
        else if (_completed)
        {
            _completion.TrySetResult();
        }
    }

    private void Schedule(bool deferrable = true)
    {
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0)
        {
            return;
        }

        if (!deferrable || !SipThreadWork.TryDefer(this))
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "Engine worker {Worker}: a work item failed")]
    private static partial void LogWorkFailed(ILogger logger, Exception exception, int worker);
}
