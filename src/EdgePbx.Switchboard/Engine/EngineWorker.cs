using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Switchboard.Engine;

/// <summary>One partition of the engine loop: runs its queue in order on the thread pool.</summary>
internal sealed partial class EngineWorker
{
    private readonly Channel<Action> _queue = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _index;
    private readonly ILogger _logger;
    private long _lastAnsweredProbe;

    public EngineWorker(int index, ILogger logger)
    {
        _index = index;
        _logger = logger;
    }

    public Task Completion { get; private set; } = Task.CompletedTask;

    public long LastAnsweredProbe => Interlocked.Read(ref _lastAnsweredProbe);

    public void Start() => Completion = Task.Run(RunAsync);

    public bool Post(Action work) => _queue.Writer.TryWrite(work);

    public void Answer(long probe) => Interlocked.Exchange(ref _lastAnsweredProbe, probe);

    public void Complete() => _queue.Writer.TryComplete();

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var work))
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
        }
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "Engine worker {Worker}: a work item failed")]
    private static partial void LogWorkFailed(ILogger logger, Exception exception, int worker);
}
