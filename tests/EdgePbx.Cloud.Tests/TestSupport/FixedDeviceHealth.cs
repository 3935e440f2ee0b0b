using EdgePbx.Cloud.Apply;

namespace EdgePbx.Cloud.Tests.TestSupport;

internal sealed class FixedDeviceHealth(bool trunkRegistered, int activeCalls) : IDeviceHealth
{
    public DeviceHealth Current() => new(trunkRegistered, activeCalls);
}
