namespace EdgePbx.Sip.Transport;

public enum SipTransportKind
{
    Udp = 0,
    Tcp,
}
