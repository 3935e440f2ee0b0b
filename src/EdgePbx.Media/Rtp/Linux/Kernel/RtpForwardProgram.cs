namespace EdgePbx.Media.Rtp.Linux.Kernel;

/// <summary>
/// The tc (tcx ingress) program that relays the RTP of bridged legs inside the kernel: a packet to a leg with an
/// active entry in the forwarding table, from the leg's latched peer, with the leg's audio payload type, is
/// rewritten into the other leg's stream (addresses, ports, SSRC, sequence number, timestamp; checksums updated
/// by the kernel's helpers) and redirected out of the interface the other leg's peer sends from, the kernel
/// resolving the next hop (bpf_redirect_neigh: no forwarding sysctl is involved, the packet is sent as ours). Its counters
/// and RFC 3550 statistics are kept in the entry. Anything else is left alone: packets of no leg of ours go on to
/// the next program (another process may have one), and our legs' other packets (RFC 4733 events, RTCP, another
/// source, IP options, a partner whose peer has not been heard yet) go up to the socket, where the relay in
/// user space handles them as before. Only IPv4 over Ethernet framing (which loopback has too), on a
/// little-endian CPU (the constants below are network-order fields as a little-endian load sees them).
/// </summary>
internal static class RtpForwardProgram
{
    // Registers.
    private const byte R0 = 0, R1 = 1, R2 = 2, R3 = 3, R4 = 4, R5 = 5, Context = 6, Entry = 7, R8 = 8, OutInterface = 9, Frame = 10;

    // tcx verdicts.
    private const int Next = -1; // TCX_NEXT: not ours, the next program decides
    private const int Pass = 0;  // TCX_PASS: up the stack to the socket

    // The packet's first bytes, copied to the stack: Ethernet (14), IPv4 without options (20), UDP (8), RTP (12),
    // placed so that the IP header starts on a 4-byte boundary (the verifier refuses misaligned stack access).
    private const int HeaderBytes = 54;
    private const short Packet = -66;
    private const short IpVersionLength = Packet + 14;
    private const short IpTotalLength = Packet + 16;
    private const short IpFragment = Packet + 20;
    private const short IpProtocol = Packet + 23;
    private const short IpSource = Packet + 26;
    private const short IpDestination = Packet + 30;
    private const short UdpSourcePort = Packet + 34;
    private const short UdpDestinationPort = Packet + 36;
    private const short UdpLength = Packet + 38;
    private const short RtpFirst = Packet + 42;
    private const short RtpPayloadType = Packet + 43;
    private const short RtpSequence = Packet + 44;
    private const short RtpTimestamp = Packet + 46;
    private const short RtpSsrc = Packet + 50;

    // Offsets in the packet itself.
    private const int IpChecksumAt = 24;
    private const int UdpChecksumAt = 40;
    private const int IpSourceAt = 26;
    private const int RtpAt = 42;

    private const short Key = -140;
    private const short Scratch = -144;
    private const short OutSourceAddress = -148;

    // __sk_buff fields.
    private const short SkbLength = 0;
    private const short SkbProtocol = 16;
    private const short SkbInterface = 40;

    private const int EthernetIpv4 = 0x0008; // htons(ETH_P_IP) as the little-endian load sees it
    private const int FragmentMask = 0xFF3F; // htons(IP_MF | IP_OFFMASK), likewise
    private const int LoopbackInterface = 1;
    private const int ChecksumPseudoHeader = 0x10;
    private const int ChecksumMangledZero = 0x20; // UDP: a zero checksum stays "none"
    private const int MaxDropout = 3000; // RFC 3550 A.1
    private const int NanosecondsPerSample = 125_000; // 8 kHz

    public static BpfInstruction[] Build(int tableFd, int firstPort, int ports)
    {
        var a = new BpfAssembler();
        a.MovReg(Context, R1);

        // IPv4, no options, UDP, not a fragment.
        a.Load(BpfSize.Word, R2, Context, SkbProtocol);
        a.JumpImm(BpfJump.Ne, R2, EthernetIpv4, "next");
        a.MovReg(R1, Context);
        a.MovImm(R2, 0);
        a.MovReg(R3, Frame);
        a.Alu64Imm(BpfAlu.Add, R3, Packet);
        a.MovImm(R4, HeaderBytes);
        a.CallHelper(BpfHelper.SkbLoadBytes);
        a.JumpImm(BpfJump.Ne, R0, 0, "next");
        a.Load(BpfSize.Byte, R2, Frame, IpVersionLength);
        a.JumpImm(BpfJump.Ne, R2, 0x45, "next");
        a.Load(BpfSize.Byte, R2, Frame, IpProtocol);
        a.JumpImm(BpfJump.Ne, R2, 17, "next");
        a.Load(BpfSize.Half, R2, Frame, IpFragment);
        a.Alu64Imm(BpfAlu.And, R2, FragmentMask);
        a.JumpImm(BpfJump.Ne, R2, 0, "next");

        // The entry of the destination port, if it is one of our legs' on this address and active.
        a.Load(BpfSize.Half, R2, Frame, UdpDestinationPort);
        a.ToBigEndian(R2, 16);
        a.Alu64Imm(BpfAlu.Sub, R2, firstPort);
        a.JumpImm(BpfJump.Ge, R2, ports, "next"); // below the range wraps to a huge unsigned value
        LookUp(a, tableFd);
        a.JumpImm(BpfJump.Eq, R0, 0, "next");
        a.MovReg(Entry, R0);
        a.Load(BpfSize.Word, R2, Entry, ForwardEntry.Active);
        a.JumpImm(BpfJump.Eq, R2, 0, "next");
        a.Load(BpfSize.Word, R2, Entry, ForwardEntry.LocalAddress);
        a.JumpImm(BpfJump.Eq, R2, 0, "ours"); // bound to any address
        a.Load(BpfSize.Word, R3, Frame, IpDestination);
        a.JumpReg(BpfJump.Ne, R2, R3, "next");
        a.Label("ours");

        // Ours from here. Only the latched peer's audio stream is forwarded here.
        a.Load(BpfSize.Word, R2, Entry, ForwardEntry.PeerAddress);
        a.Load(BpfSize.Word, R3, Frame, IpSource);
        a.JumpReg(BpfJump.Ne, R2, R3, "pass");
        a.Load(BpfSize.Half, R2, Entry, ForwardEntry.PeerPort);
        a.Load(BpfSize.Half, R3, Frame, UdpSourcePort);
        a.JumpReg(BpfJump.Ne, R2, R3, "pass");

        // The peer's packets tell where it is: the interface they come in by and the address they are sent to,
        // which the other leg's entry reads to send it packets. A learning entry (its own direction is not
        // relayed here) stops at that.
        a.Load(BpfSize.Word, R2, Context, SkbInterface);
        a.Store(BpfSize.Word, Entry, ForwardEntry.ArrivalInterface, R2);
        a.Load(BpfSize.Word, R2, Frame, IpDestination);
        a.Store(BpfSize.Word, Entry, ForwardEntry.ArrivalLocalAddress, R2);
        a.Load(BpfSize.Word, R2, Entry, ForwardEntry.Active);
        a.JumpImm(BpfJump.Ne, R2, ForwardEntry.Forwarding, "pass");

        // Lengths that agree (UDP = IP total - header, within the frame) and an RTP header at least: anything
        // else goes up for the stack to judge, not out to the other peer.
        a.Load(BpfSize.Half, R2, Frame, UdpLength);
        a.ToBigEndian(R2, 16);
        a.Load(BpfSize.Half, R3, Frame, IpTotalLength);
        a.ToBigEndian(R3, 16);
        a.Alu64Imm(BpfAlu.Sub, R3, 20);
        a.JumpReg(BpfJump.Ne, R2, R3, "pass");
        a.Alu64Imm(BpfAlu.Add, R3, 20 + 14);
        a.Load(BpfSize.Word, R4, Context, SkbLength);
        a.JumpReg(BpfJump.Gt, R3, R4, "pass");
        a.JumpImm(BpfJump.Gt, R2, 8 + 12 - 1, "long_enough");
        a.Goto("pass");
        a.Label("long_enough");

        // Not from a leg of ours (a peer address pointing back at the relay): relaying that in here would send
        // packets round in the kernel as fast as it can go.
        a.Load(BpfSize.Half, R2, Frame, UdpSourcePort);
        a.ToBigEndian(R2, 16);
        a.Alu64Imm(BpfAlu.Sub, R2, firstPort);
        a.JumpImm(BpfJump.Ge, R2, ports, "not_a_leg");
        LookUp(a, tableFd);
        a.JumpImm(BpfJump.Eq, R0, 0, "not_a_leg");
        a.Load(BpfSize.Word, R2, R0, ForwardEntry.Active);
        a.JumpImm(BpfJump.Eq, R2, 0, "not_a_leg");
        a.Load(BpfSize.Word, R3, Frame, IpSource);
        a.Load(BpfSize.Word, R2, R0, ForwardEntry.LocalAddress);
        a.JumpReg(BpfJump.Eq, R2, R3, "pass");
        a.JumpImm(BpfJump.Ne, R2, 0, "not_a_leg");
        a.Load(BpfSize.Word, R2, R0, ForwardEntry.ArrivalLocalAddress);
        a.JumpReg(BpfJump.Eq, R2, R3, "pass");
        a.Label("not_a_leg");
        a.Load(BpfSize.Byte, R2, Frame, RtpFirst);
        a.Alu64Imm(BpfAlu.And, R2, 0xC0);
        a.JumpImm(BpfJump.Ne, R2, 0x80, "pass"); // version 2
        a.Load(BpfSize.Byte, R2, Frame, RtpPayloadType);
        a.Alu64Imm(BpfAlu.And, R2, 0x7F);
        a.Load(BpfSize.Byte, R3, Entry, ForwardEntry.PayloadType);
        a.JumpReg(BpfJump.Ne, R2, R3, "pass");

        // Where the rewritten packet goes: out of the interface the other leg's peer sends from (RTP is
        // symmetric; the kernel resolves the next hop), from the address that peer sends to, both of which the
        // other leg's entry learnt from that peer's packets. Until it has seen one, packets go up to the relay
        // in user space.
        a.Load(BpfSize.Word, R2, Entry, ForwardEntry.PartnerIndex);
        LookUp(a, tableFd);
        a.JumpImm(BpfJump.Eq, R0, 0, "pass");
        a.Load(BpfSize.Word, OutInterface, R0, ForwardEntry.ArrivalInterface);
        a.JumpImm(BpfJump.Eq, OutInterface, 0, "pass");
        a.Load(BpfSize.Word, R2, R0, ForwardEntry.ArrivalLocalAddress);
        a.Store(BpfSize.Word, Frame, OutSourceAddress, R2);

        CountAndMeasure(a);
        Rewrite(a);

        // A peer on this host sends through loopback: the packet goes out there too, and loopback hands it back in
        // to the destination's socket. (Redirected straight into loopback's ingress it was lost.)
        a.JumpImm(BpfJump.Ne, OutInterface, LoopbackInterface, "out");
        a.MovImm(R1, LoopbackInterface);
        a.MovImm(R2, 0);
        a.CallHelper(BpfHelper.Redirect);
        a.Return();
        a.Label("out");
        a.MovReg(R1, OutInterface);
        a.MovImm(R2, 0);
        a.MovImm(R3, 0);
        a.MovImm(R4, 0);
        a.CallHelper(BpfHelper.RedirectNeighbour);
        a.Return();

        a.Label("next");
        a.MovImm(R0, Next);
        a.Return();
        a.Label("pass");
        a.MovImm(R0, Pass);
        a.Return();
        return a.Build();
    }

    // r0 = &table[r2], or null (bpf_map_lookup_elem with the index on the stack).
    private static void LookUp(BpfAssembler a, int tableFd)
    {
        a.Store(BpfSize.Word, Frame, Key, R2);
        a.LoadMap(R1, tableFd);
        a.MovReg(R2, Frame);
        a.Alu64Imm(BpfAlu.Add, R2, Key);
        a.CallHelper(BpfHelper.MapLookupElement);
    }

    // Packets, bytes, time, RFC 3550 A.1 extended highest sequence and A.8 jitter, for the call record and RTCP.
    private static void CountAndMeasure(BpfAssembler a)
    {
        a.MovImm(R2, 1);
        a.AtomicAdd64(Entry, ForwardEntry.Packets, R2);
        a.Load(BpfSize.Half, R2, Frame, UdpLength);
        a.ToBigEndian(R2, 16);
        a.Alu64Imm(BpfAlu.Sub, R2, 8);
        a.AtomicAdd64(Entry, ForwardEntry.Bytes, R2);
        a.Alu64Imm(BpfAlu.Sub, R2, 12);
        a.Store(BpfSize.Word, Entry, ForwardEntry.LastPayloadBytes, R2);
        a.CallHelper(BpfHelper.KtimeGetNanoseconds);
        a.Store(BpfSize.DoubleWord, Entry, ForwardEntry.LastNanoseconds, R0);
        a.MovReg(R8, R0);

        // A.1: a step forward of less than MaxDropout advances the extended highest sequence (wraps included).
        a.Load(BpfSize.Half, R2, Frame, RtpSequence);
        a.ToBigEndian(R2, 16);
        a.Load(BpfSize.Word, R3, Entry, ForwardEntry.ExtendedHighestSequence);
        a.MovReg(R4, R2);
        a.Alu64Reg(BpfAlu.Sub, R4, R3);
        a.Alu64Imm(BpfAlu.And, R4, 0xFFFF);
        a.JumpImm(BpfJump.Eq, R4, 0, "sequence_done");
        a.JumpImm(BpfJump.Ge, R4, MaxDropout, "sequence_done");
        a.Alu32Reg(BpfAlu.Add, R3, R4);
        a.Store(BpfSize.Word, Entry, ForwardEntry.ExtendedHighestSequence, R3);
        a.Label("sequence_done");

        // A.8: transit = arrival - timestamp (8 kHz units); jitter += |D| - ((jitter + 8) >> 4).
        a.Load(BpfSize.Word, R3, Frame, RtpTimestamp);
        a.ToBigEndian(R3, 32);
        a.Store(BpfSize.Word, Entry, ForwardEntry.LastTimestamp, R3);
        a.MovReg(R4, R8);
        a.Alu64Imm(BpfAlu.Div, R4, NanosecondsPerSample);
        a.Alu32Reg(BpfAlu.Sub, R4, R3);
        a.Load(BpfSize.Word, R5, Entry, ForwardEntry.HaveTransit);
        a.Load(BpfSize.Word, R1, Entry, ForwardEntry.LastTransit);
        a.Store(BpfSize.Word, Entry, ForwardEntry.LastTransit, R4);
        a.StoreImm(BpfSize.Word, Entry, ForwardEntry.HaveTransit, 1);
        a.JumpImm(BpfJump.Eq, R5, 0, "jitter_done");
        a.Alu32Reg(BpfAlu.Sub, R4, R1);
        a.Jump32Imm(BpfJump.Sge, R4, 0, "positive");
        a.Alu32Imm(BpfAlu.Neg, R4, 0);
        a.Label("positive");
        a.Load(BpfSize.Word, R5, Entry, ForwardEntry.JitterScaled);
        a.MovReg(R1, R5);
        a.Alu32Imm(BpfAlu.Add, R1, 8);
        a.Alu32Imm(BpfAlu.Rsh, R1, 4);
        a.Alu32Reg(BpfAlu.Add, R5, R4);
        a.Alu32Reg(BpfAlu.Sub, R5, R1);
        a.Store(BpfSize.Word, Entry, ForwardEntry.JitterScaled, R5);
        a.Label("jitter_done");
    }

    // The other leg's stream: each changed field's checksum share is replaced first (the helpers read and write
    // the checksums in the packet), then the new fields are written over the copy and stored in two pieces
    // around the UDP checksum.
    private static void Rewrite(BpfAssembler a)
    {
        // Sequence number and timestamp, shifted (host order), back to network order.
        a.Load(BpfSize.Half, R3, Frame, RtpSequence);
        a.MovReg(R4, R3);
        a.ToBigEndian(R4, 16);
        a.Load(BpfSize.Half, R2, Entry, ForwardEntry.SequenceShift);
        a.Alu32Reg(BpfAlu.Add, R4, R2);
        a.Alu32Imm(BpfAlu.And, R4, 0xFFFF);
        a.ToBigEndian(R4, 16);
        ReplaceUdpChecksum(a, 2, RtpSequence);

        a.Load(BpfSize.Word, R3, Frame, RtpTimestamp);
        a.MovReg(R4, R3);
        a.ToBigEndian(R4, 32);
        a.Load(BpfSize.Word, R2, Entry, ForwardEntry.TimestampShift);
        a.Alu32Reg(BpfAlu.Add, R4, R2);
        a.ToBigEndian(R4, 32);
        ReplaceUdpChecksum(a, 4, RtpTimestamp);

        a.Load(BpfSize.Word, R3, Frame, RtpSsrc);
        a.Load(BpfSize.Word, R4, Entry, ForwardEntry.OutSsrc);
        ReplaceUdpChecksum(a, 4, RtpSsrc);

        a.Load(BpfSize.Half, R3, Frame, UdpSourcePort);
        a.Load(BpfSize.Half, R4, Entry, ForwardEntry.OutSourcePort);
        ReplaceUdpChecksum(a, 2, UdpSourcePort);

        a.Load(BpfSize.Half, R3, Frame, UdpDestinationPort);
        a.Load(BpfSize.Half, R4, Entry, ForwardEntry.OutDestinationPort);
        ReplaceUdpChecksum(a, 2, UdpDestinationPort);

        a.Load(BpfSize.Word, R4, Frame, OutSourceAddress);
        ReplaceAddress(a, IpSource);
        a.Load(BpfSize.Word, R4, Entry, ForwardEntry.OutDestinationAddress);
        ReplaceAddress(a, IpDestination);

        StorePacket(a, IpSourceAt, IpSource, UdpChecksumAt - IpSourceAt);
        StorePacket(a, RtpAt, RtpFirst, 12);
    }

    // r3 = old field, r4 = new field (both as on the wire): the UDP checksum takes the change, the copy the field.
    private static void ReplaceUdpChecksum(BpfAssembler a, int size, short copyAt)
    {
        a.Store(size == 2 ? BpfSize.Half : BpfSize.Word, Frame, copyAt, R4);
        a.MovReg(R1, Context);
        a.MovImm(R2, UdpChecksumAt);
        a.MovImm(R5, size | ChecksumMangledZero);
        a.CallHelper(BpfHelper.L4ChecksumReplace);
    }

    // r4 = the new address. An IPv4 address is in the IP header checksum and in the UDP checksum's pseudo-header.
    private static void ReplaceAddress(BpfAssembler a, short copyAt)
    {
        a.Load(BpfSize.Word, R3, Frame, copyAt);
        a.MovReg(R8, R3);
        a.Store(BpfSize.Word, Frame, Scratch, R4);
        a.MovReg(R1, Context);
        a.MovImm(R2, IpChecksumAt);
        a.MovImm(R5, 4);
        a.CallHelper(BpfHelper.L3ChecksumReplace);
        a.MovReg(R3, R8);
        a.Load(BpfSize.Word, R4, Frame, Scratch);
        a.Store(BpfSize.Word, Frame, copyAt, R4);
        a.MovReg(R1, Context);
        a.MovImm(R2, UdpChecksumAt);
        a.MovImm(R5, 4 | ChecksumPseudoHeader | ChecksumMangledZero);
        a.CallHelper(BpfHelper.L4ChecksumReplace);
    }

    // bpf_skb_store_bytes(skb, packetAt, stack + from, length, 0).
    private static void StorePacket(BpfAssembler a, int packetAt, short from, int length)
    {
        a.MovReg(R1, Context);
        a.MovImm(R2, packetAt);
        a.MovReg(R3, Frame);
        a.Alu64Imm(BpfAlu.Add, R3, from);
        a.MovImm(R4, length);
        a.MovImm(R5, 0);
        a.CallHelper(BpfHelper.SkbStoreBytes);
    }
}
