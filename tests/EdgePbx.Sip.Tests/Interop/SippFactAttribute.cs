namespace EdgePbx.Sip.Tests.Interop;

/// <summary>
/// A fact that needs sipp (Debian package sip-tester). Outside CI a missing sipp skips the test with
/// a clear message; with CI=true it runs and fails, so CI cannot silently lose the interop test.
/// </summary>
public sealed class SippFactAttribute : FactAttribute
{
    public SippFactAttribute()
    {
        if (SippRunner.Path is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "sipp not installed (apt-get install -y sip-tester)";
        }
    }
}
