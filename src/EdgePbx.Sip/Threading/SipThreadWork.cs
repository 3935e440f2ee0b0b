namespace EdgePbx.Sip.Threading;

/// <summary>
/// Work made runnable by one step of a SIP thread (a received datagram on a receive thread, a batch of due
/// timers on the <see cref="TimerThread"/>), run on that thread once the step has returned (every
/// transaction lock released) instead of waking a pool thread for it: the engine's call partitions defer
/// their drain here when they were idle (EdgePbx.Switchboard EngineWorker). Outside such a step, or on any
/// other thread, nothing is deferred.
/// </summary>
public static class SipThreadWork
{
    [ThreadStatic]
    private static List<IThreadPoolWorkItem>? t_deferred;

    [ThreadStatic]
    private static bool t_collecting;

    /// <summary>True when <paramref name="work"/> will run on this SIP thread after its current step.</summary>
    public static bool TryDefer(IThreadPoolWorkItem work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!t_collecting)
        {
            return false;
        }

        (t_deferred ??= []).Add(work);
        return true;
    }

    internal static void Begin() => t_collecting = true;

    /// <summary>Runs what was deferred; work it makes runnable in turn goes to the thread pool.</summary>
    internal static void RunDeferred()
    {
        t_collecting = false;
        var deferred = t_deferred;
        if (deferred is null || deferred.Count == 0)
        {
            return;
        }

        try
        {
            for (var i = 0; i < deferred.Count; i++)
            {
                deferred[i].Execute();
            }
        }
        finally
        {
            deferred.Clear();
        }
    }
}
