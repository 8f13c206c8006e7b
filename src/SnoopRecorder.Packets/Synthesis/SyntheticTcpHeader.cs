namespace SnoopRecorder.Packets;

/// <summary>The fields of one synthetic TCP segment that vary; everything else is fixed by <see cref="EthernetTcpFrame"/>.</summary>
/// <param name="Source">Sender: IP address and port.</param>
/// <param name="Destination">Receiver; the same address family as the sender.</param>
/// <param name="SequenceNumber">The segment's sequence number (the ISN on a SYN).</param>
/// <param name="AcknowledgmentNumber">Written only when <paramref name="Flags"/> has <see cref="TcpFlags.Ack"/>; 0 otherwise.</param>
/// <param name="Flags">Control bits.</param>
public readonly record struct SyntheticTcpHeader(
    TcpEndpoint Source,
    TcpEndpoint Destination,
    uint SequenceNumber,
    uint AcknowledgmentNumber,
    TcpFlags Flags);
