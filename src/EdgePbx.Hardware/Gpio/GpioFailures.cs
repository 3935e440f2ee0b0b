namespace EdgePbx.Hardware.Gpio;

/// <summary>
/// The exceptions a missing or busy GPIO chip produces (no libgpiod, no /dev/gpiochipN, no
/// permission, a line held by another process). They describe the machine, not a bug, so the
/// panel turns them into a warning and runs simulated.
/// </summary>
internal static class GpioFailures
{
    public static bool IsEnvironmental(Exception ex) => ex
        is IOException
        or UnauthorizedAccessException
        or DllNotFoundException
        or EntryPointNotFoundException
        or PlatformNotSupportedException
        or NotSupportedException
        or InvalidOperationException
        or ArgumentOutOfRangeException
        or TypeInitializationException;
}
