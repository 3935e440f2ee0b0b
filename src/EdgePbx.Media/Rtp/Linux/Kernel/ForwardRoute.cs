using System.Net;

namespace EdgePbx.Media.Rtp.Linux.Kernel;

/// <summary>
/// What the kernel does with a leg's packets: those from <see cref="Peer"/> with <see cref="PayloadType"/> leave
/// from <see cref="OutSource"/>'s port (the other leg's socket; the address is the one the other peer sends to)
/// to <see cref="OutDestination"/> (the other leg's peer) as the other leg's stream: its SSRC, and sequence
/// numbers and timestamps shifted into its numbering.
/// </summary>
/// <param name="Local">The leg's own socket address (the packets' destination).</param>
/// <param name="SequenceShift">Added to each packet's sequence number.</param>
/// <param name="TimestampShift">Added to each packet's timestamp.</param>
/// <param name="ExtendedHighestSequence">Where the leg's RFC 3550 A.1 statistics stand, for the program to go on from.</param>
/// <param name="JitterScaled">The leg's jitter so far (A.8, scaled by 16), likewise.</param>
internal readonly record struct ForwardRoute(
    IPEndPoint Local,
    IPEndPoint Peer,
    IPEndPoint OutSource,
    IPEndPoint OutDestination,
    byte PayloadType,
    uint OutSsrc,
    ushort SequenceShift,
    uint TimestampShift,
    uint ExtendedHighestSequence,
    uint JitterScaled);
