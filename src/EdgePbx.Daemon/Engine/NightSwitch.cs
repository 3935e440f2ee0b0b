namespace EdgePbx.Daemon.Engine;

/// <summary>
/// The night switch (front-panel button or web): when on, the plan's night routing applies whatever the
/// clock says. Kept as a file in the data folder so a restart does not silently switch the box back to day.
/// </summary>
public sealed class NightSwitch
{
    private readonly string _path;
    private volatile bool _on;

    public NightSwitch(string dataDirectory)
    {
        _path = Path.Combine(dataDirectory, "night-switch");
        _on = File.Exists(_path);
    }

    public bool IsOn => _on;

    /// <summary>Turns night routing on or off; returns the new state.</summary>
    public bool Set(bool on)
    {
        if (on)
        {
            File.WriteAllText(_path, "on\n");
        }
        else if (File.Exists(_path))
        {
            File.Delete(_path);
        }

        _on = on;
        return on;
    }

    public bool Toggle() => Set(!_on);
}
