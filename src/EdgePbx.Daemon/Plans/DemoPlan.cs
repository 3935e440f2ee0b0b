namespace EdgePbx.Daemon.Plans;

/// <summary>The built-in demo plan (examples/plans/demo.json, embedded at build time).</summary>
public static class DemoPlan
{
    public const string Source = "built-in demo plan (examples/plans/demo.json)";

    public static byte[] Read()
    {
        using var stream = typeof(DemoPlan).Assembly.GetManifestResourceStream("EdgePbx.Daemon.demo-plan.json")
            ?? throw new InvalidOperationException("the demo plan is missing from this build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
