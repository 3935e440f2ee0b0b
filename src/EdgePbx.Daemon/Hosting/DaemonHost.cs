using EdgePbx.Daemon.Cli;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Daemon.Systemd;
using EdgePbx.Switchboard.Engine;
using EdgePbx.Web.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Hosting;

/// <summary>The composition root of <c>edgepbx run</c>: wires every layer into one Generic Host.</summary>
public static class DaemonHost
{
    public static async Task<int> RunAsync(DaemonSettings settings, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(error);
        await using var app = Build(settings);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Start-up failures of any kind end in one clear line and an exit code, not a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var (line, code) = StartupFailure.Describe(ex, settings);
            await error.WriteLineAsync($"edgepbx: {line}").ConfigureAwait(false);
            return code;
        }
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static WebApplication Build(DaemonSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.SetMinimumLevel(Enum.Parse<LogLevel>(settings.LogLevel, ignoreCase: true));
        // One line per HTTP request would drown the journal of a small box.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSystemd();
        // SIGTERM must end the process within systemd's stop timeout and our 2 s promise.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(1500));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(settings.WebListen.EndPoint));

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => NotifySocket.FromEnvironment());
        services.AddSingleton(sp => new EngineLoop(Environment.ProcessorCount, sp.GetRequiredService<ILogger<EngineLoop>>()));
        services.AddHostedService<EngineService>();
        services.AddHostedService<ReadinessNotifier>();
        services.AddHostedService<WatchdogService>();
        services.AddSingleton<IReadinessCheck, DataDirectoryReadiness>();

        var app = builder.Build();
        app.MapHealth(ProgramInfo.Version, TimeProvider.System);
        return app;
    }
}
