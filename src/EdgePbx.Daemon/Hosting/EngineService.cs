using System.Globalization;
using EdgePbx.Switchboard.Engine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Hosting;

/// <summary>Starts and stops the engine loop with the host.</summary>
public sealed partial class EngineService(EngineLoop engine, TimeProvider time, ILogger<EngineService> logger) : IHostedService, IDisposable
{
    /// <summary>Test-only switch: hang one engine worker this many milliseconds after start (watchdog tests).</summary>
    public const string HangSwitch = "EDGEPBX_TEST_HANG_ENGINE_AFTER_MS";

    private ITimer? _hangTimer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        engine.Start();
        if (Environment.GetEnvironmentVariable(HangSwitch) is { Length: > 0 } text
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int ms))
        {
            LogHangArmed(logger, ms);
            _hangTimer = time.CreateTimer(
                _ => engine.Post("test-hang", () => Thread.Sleep(Timeout.Infinite)),
                null, TimeSpan.FromMilliseconds(ms), Timeout.InfiniteTimeSpan);
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await engine.DisposeAsync().ConfigureAwait(false);

    public void Dispose() => _hangTimer?.Dispose();

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "TEST SWITCH: the engine loop will hang {Ms} ms after start")]
    private static partial void LogHangArmed(ILogger logger, int ms);
}
