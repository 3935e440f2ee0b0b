using EdgePbx.Cloud.Apply;

namespace EdgePbx.Daemon.Cloud;

/// <summary>What the status report says of the box. Trunk and call counts come from the engine once it reports them.</summary>
public sealed class BoxHealth : IDeviceHealth
{
    private volatile bool _trunkRegistered;
    private int _activeCalls;

    public void SetTrunkRegistered(bool registered) => _trunkRegistered = registered;

    public void SetActiveCalls(int calls) => Volatile.Write(ref _activeCalls, calls);

    public DeviceHealth Current() => new(_trunkRegistered, Volatile.Read(ref _activeCalls));
}
