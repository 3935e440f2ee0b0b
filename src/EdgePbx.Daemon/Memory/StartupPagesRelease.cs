using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Memory;

/// <summary>
/// Gives back the start-up code pages once the box is up. Start-up runs code from all over the NativeAOT image
/// (host, Kestrel, every hosted service, migrations) and the kernel maps up to 16 cached pages around every fault,
/// so nearly the whole 20 MB file ends up resident although most of it never runs again. A few seconds after the
/// host has started, <c>madvise(MADV_PAGEOUT)</c> (Linux 5.4+) on the read-only and executable mappings of our own
/// file reclaims those clean pages; what the running daemon needs faults back in from the page cache or the flash
/// on first use (a minor or major fault, not a copy). Writable mappings and the heap are never touched. On an older
/// kernel the call fails with EINVAL and nothing changes.
/// </summary>
public sealed partial class StartupPagesRelease(IHostApplicationLifetime lifetime, ILogger<StartupPagesRelease> logger) : IHostedService
{
    private const int MadvPageout = 21;

    /// <summary>How long after start-up the pages are given back (the first timers and requests have run by then).</summary>
    public static TimeSpan Delay { get; } = TimeSpan.FromSeconds(3);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsLinux())
        {
            lifetime.ApplicationStarted.Register(() => _ = ReleaseLaterAsync(lifetime.ApplicationStopping));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The read-only and executable mappings of <paramref name="file"/> in a /proc/PID/maps text.</summary>
    public static IReadOnlyList<(ulong Start, ulong End)> ReadOnlyMappingsOf(string maps, string file)
    {
        var result = new List<(ulong, ulong)>();
        foreach (var line in maps.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // 7f12a000-7f12b000 r-xp 00001000 fe:00 331651   /usr/bin/edgepbx
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || fields[5].Trim() != file || fields[1].Length < 4 || fields[1][1] == 'w')
            {
                continue;
            }

            var range = fields[0].Split('-');
            if (range.Length == 2
                && ulong.TryParse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
                && ulong.TryParse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end)
                && end > start)
            {
                result.Add((start, end));
            }
        }

        return result;
    }

    private async Task ReleaseLaterAsync(CancellationToken token)
    {
        try
        {
            await Task.Delay(Delay, token).ConfigureAwait(false);
            var exe = File.ResolveLinkTarget("/proc/self/exe", returnFinalTarget: true)?.FullName;
            if (exe is null)
            {
                return;
            }

            ulong released = 0;
            foreach (var (start, end) in ReadOnlyMappingsOf(await File.ReadAllTextAsync("/proc/self/maps", token).ConfigureAwait(false), exe))
            {
                if (NativeMethods.madvise((nint)start, (nuint)(end - start), MadvPageout) != 0)
                {
                    var error = Marshal.GetLastPInvokeError();
                    LogNotSupported(logger, error);
                    return;
                }

                released += end - start;
            }

            LogReleased(logger, released / 1024);
        }
        catch (OperationCanceledException)
        {
            // Stopped before the delay was over.
        }
        catch (IOException e)
        {
            LogNotSupported(logger, e.HResult);
        }
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Debug, Message = "Gave back the start-up pages of the program ({Kilobytes} kB of read-only mappings advised out)")]
    private static partial void LogReleased(ILogger logger, ulong kilobytes);

    [LoggerMessage(EventId = 61, Level = LogLevel.Debug, Message = "Start-up pages kept: madvise(MADV_PAGEOUT) is not available here (error {Error})")]
    private static partial void LogNotSupported(ILogger logger, int error);

    private static partial class NativeMethods
    {
        [LibraryImport("libc", SetLastError = true)]
        internal static partial int madvise(nint address, nuint length, int advice);
    }
}
