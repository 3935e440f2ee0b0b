namespace EdgePbx.Cloud.Apply;

/// <summary>Implemented by the daemon from the SIP trunk registration and the switchboard's call count.</summary>
public interface IDeviceHealth
{
    DeviceHealth Current();
}
