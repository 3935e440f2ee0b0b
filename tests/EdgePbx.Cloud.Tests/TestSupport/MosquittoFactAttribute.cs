namespace EdgePbx.Cloud.Tests.TestSupport;

/// <summary>
/// A fact that needs a real mosquitto. Without one it is skipped with the install hint, except under
/// CI=true, where it runs and fails: CI must never go green by skipping the broker tests.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class MosquittoFactAttribute : FactAttribute
{
    public MosquittoFactAttribute()
    {
        if (Mosquitto.BinaryPath is null && !Mosquitto.MustRun)
        {
            Skip = Mosquitto.InstallHint;
        }
    }
}
