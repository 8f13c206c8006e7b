namespace SnoopRecorder.Packets;

/// <summary>The header fields of one captured segment that a rebuilt connection keeps (the payload goes to the reassembler).</summary>
internal readonly record struct PacketFacts(
    TcpEndpoint Source,
    TcpEndpoint Destination,
    uint SequenceNumber,
    uint AcknowledgmentNumber,
    TcpFlags Flags,
    long TimestampNs)
{
    public static PacketFacts Of(in TcpSegment segment, long timestampNs) =>
        new(segment.Source, segment.Destination, segment.SequenceNumber, segment.AcknowledgmentNumber, segment.Flags, timestampNs);

    public bool Has(TcpFlags flag) => (Flags & flag) != 0;
}
