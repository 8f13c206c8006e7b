namespace SnoopRecorder.Packets;

/// <summary>
/// One decoded TCP segment. <see cref="Payload"/> points into the frame it was decoded from and is valid only as long as that frame.
/// </summary>
public readonly ref struct TcpSegment
{
    /// <summary>
    /// Builds a segment (the decoder does; tests and other decoders may too). <c>originalPayloadLength</c> is the payload
    /// length the IP header declares; values below <c>payload.Length</c> (such as the default -1) mean "as captured".
    /// </summary>
    public TcpSegment(
        TcpEndpoint source,
        TcpEndpoint destination,
        uint sequenceNumber,
        uint acknowledgmentNumber,
        TcpFlags flags,
        ReadOnlySpan<byte> payload,
        int vlan = 0,
        int originalPayloadLength = -1)
    {
        Source = source;
        Destination = destination;
        SequenceNumber = sequenceNumber;
        AcknowledgmentNumber = acknowledgmentNumber;
        Flags = flags;
        Payload = payload;
        Vlan = vlan;
        OriginalPayloadLength = Math.Max(originalPayloadLength, payload.Length);
    }

    public TcpEndpoint Source { get; }

    public TcpEndpoint Destination { get; }

    public uint SequenceNumber { get; }

    /// <summary>Meaningful only when <see cref="Flags"/> has <see cref="TcpFlags.Ack"/>.</summary>
    public uint AcknowledgmentNumber { get; }

    public TcpFlags Flags { get; }

    /// <summary>The captured payload bytes (possibly fewer than were sent, see <see cref="PayloadTruncated"/>).</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>
    /// 802.1Q/802.1ad tag ids, 0 when untagged: a single tag gives its id; each further tag shifts the
    /// previous value left by 12 bits before adding its id, so QinQ pairs stay distinct.
    /// </summary>
    public int Vlan { get; }

    /// <summary>Payload length the IP header declares (sequence space the segment occupies, without SYN/FIN).</summary>
    public int OriginalPayloadLength { get; }

    /// <summary>The capture's snapshot length cut the payload: <see cref="Payload"/> is a prefix of the real payload.</summary>
    public bool PayloadTruncated => OriginalPayloadLength > Payload.Length;

    public bool HasFlag(TcpFlags flag) => (Flags & flag) != 0;
}
