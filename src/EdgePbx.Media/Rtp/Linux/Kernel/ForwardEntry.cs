namespace EdgePbx.Media.Rtp.Linux.Kernel;

/// <summary>
/// The layout of one entry of the forwarding table, shared by the kernel program and this process (the table is
/// mapped into both). Entry i is the leg whose local port is the range's first + i. Addresses and ports are kept
/// as they appear on the wire (network byte order), so the program compares them with the packet unconverted;
/// shifts and statistics are numbers in the host's order. The first half is written by us (the program only
/// reads it), the second by the program (we only read it). Installing clears the second half.
/// </summary>
internal static class ForwardEntry
{
    public const int Size = 128;

    // Written by this process; Active last when installing, first when removing.
    public const short Active = 0; // 0, Forwarding or Learning
    public const int Forwarding = 1;
    public const int Learning = 2; // only notes where the peer is, for the other leg's direction
    public const short LocalAddress = 4; // 0: the socket is bound to any address
    public const short PeerAddress = 8;
    public const short PeerPort = 12;
    public const short OutSourcePort = 14;
    public const short OutDestinationAddress = 20;
    public const short OutDestinationPort = 24;
    public const short PayloadType = 26;
    public const short OutSsrc = 28;
    public const short SequenceShift = 32;
    public const short TimestampShift = 36;
    public const short PartnerIndex = 40; // the other leg's entry

    // Written by the program for every packet it forwards.
    public const short Packets = 64;
    public const short Bytes = 72;
    public const short LastNanoseconds = 80;
    public const short ExtendedHighestSequence = 88;
    public const short JitterScaled = 92;
    public const short LastTransit = 96;
    public const short HaveTransit = 100;
    public const short LastTimestamp = 104;
    public const short LastPayloadBytes = 108;
    public const short ArrivalInterface = 112; // where the peer's packets come in (0: not yet)
    public const short ArrivalLocalAddress = 116; // the address they are sent to (the source of ours to the peer)
}
