using EdgePbx.Daemon.Engine;

namespace EdgePbx.Daemon.Tests.Engine;

public sealed class NightSwitchTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("edgepbx-night-").FullName;

    [Fact]
    public void Starts_in_day_mode_and_a_toggle_survives_a_restart()
    {
        var first = new NightSwitch(_data);
        Assert.False(first.IsOn);

        Assert.True(first.Toggle());
        Assert.True(new NightSwitch(_data).IsOn);

        Assert.False(first.Toggle());
        Assert.False(new NightSwitch(_data).IsOn);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
