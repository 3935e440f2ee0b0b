using EdgePbx.Web.Logs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Logging;

/// <summary>The daemon's logging: its levels, the batched standard-output log, and the System page's recent lines fed from it.</summary>
public static class DaemonLogging
{
    /// <summary>
    /// Logs at <paramref name="minimum"/> and above (ASP.NET Core's from Warning) through <see cref="BatchedConsoleLoggerProvider"/>
    /// only. The web layer's <see cref="RecentLog"/> is registered here and fed by that provider, so AddInstallerWeb does not
    /// add it as a second logger provider: the logger factory calls every provider, and each would run the line's formatter.
    /// </summary>
    /// <param name="openOutput">Opens where the lines go (standard output), when the provider is first needed.</param>
    public static ILoggingBuilder AddDaemonLogging(this ILoggingBuilder logging, LogLevel minimum, Func<Stream> openOutput, LogBatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(openOutput);
        logging.SetMinimumLevel(minimum);
        // One line per HTTP request would drown the journal of a small box.
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // The console provider's lines, written in batches (BatchedConsoleLoggerProvider) instead of a wake-up and a write(2)
        // per line; the recent lines get the same entries after the same level filters.
        logging.Services.AddSingleton(sp => new RecentLog(sp.GetRequiredService<TimeProvider>()));
        logging.Services.AddSingleton(sp => new BatchedConsoleLoggerProvider(openOutput(), options, sp.GetRequiredService<RecentLog>()));
        logging.Services.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<BatchedConsoleLoggerProvider>());
        return logging;
    }
}
