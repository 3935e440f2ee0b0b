using Microsoft.Extensions.Logging;

namespace EdgePbx.Switchboard.Engine;

/// <summary>
/// The call engine's event loop: a fixed set of workers, each running the work posted to it one item at a
/// time. Work is partitioned by a key (the call's id) so a call's events never run concurrently, and no
/// call ever owns a thread. The daemon's watchdog asks every worker to answer a probe before it tells
/// systemd the engine is alive, so one stuck call handler gets the daemon restarted.
/// </summary>
public sealed partial class EngineLoop : IAsyncDisposable
{
    private readonly EngineWorker[] _workers;
    private readonly ILogger _logger;
    private long _probeSequence;

    public EngineLoop(int workerCount, ILogger<EngineLoop> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workerCount, 1);
        _logger = logger;
        _workers = new EngineWorker[workerCount];
        for (int i = 0; i < workerCount; i++)
        {
            _workers[i] = new EngineWorker(i, logger);
        }
    }

    public int WorkerCount => _workers.Length;

    public void Start()
    {
        foreach (var worker in _workers)
        {
            worker.Start();
        }
        LogStarted(_logger, _workers.Length);
    }

    /// <summary>Queues work behind everything else posted with the same key. False once the loop is stopping.</summary>
    public bool Post(string key, Action work)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _workers[PartitionOf(key)].Post(work);
    }

    /// <summary>Sends a liveness probe to every worker and returns its number.</summary>
    public long Probe()
    {
        long probe = Interlocked.Increment(ref _probeSequence);
        foreach (var worker in _workers)
        {
            worker.Post(() => worker.Answer(probe));
        }
        return probe;
    }

    /// <summary>True when every worker has run the given probe, i.e. none is stuck behind older work.</summary>
    public bool HasAnswered(long probe) => AnsweredBy(probe) == _workers.Length;

    /// <summary>How many workers have run the given probe (or a later one).</summary>
    public int AnsweredBy(long probe) => _workers.Count(w => w.LastAnsweredProbe >= probe);

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            worker.Complete();
        }
        // A stuck handler must not hold up shutdown: systemd gives us a bounded stop time.
        var drained = Task.WhenAll(_workers.Select(w => w.Completion));
        if (await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false) != drained)
        {
            LogStuckAtStop(_logger);
        }
    }

    private int PartitionOf(string key) => (int)((uint)StableHash(key) % (uint)_workers.Length);

    // FNV-1a: stable across processes, unlike string.GetHashCode, so partitions are reproducible in logs.
    private static int StableHash(string key)
    {
        uint hash = 2166136261;
        foreach (char c in key)
        {
            hash = (hash ^ c) * 16777619;
        }
        return (int)hash;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Engine loop started with {Workers} workers")]
    private static partial void LogStarted(ILogger logger, int workers);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Engine loop did not drain within 1 s at stop; a handler is stuck")]
    private static partial void LogStuckAtStop(ILogger logger);
}
