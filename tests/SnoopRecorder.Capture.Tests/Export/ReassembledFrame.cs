using SnoopRecorder.Packets;

namespace SnoopRecorder.Capture.Tests.Export;

/// <summary>A frame written by <see cref="TcpStreamRebuilder"/>, decoded back for assertions.</summary>
internal sealed record ReassembledFrame(
    byte[] Bytes,
    long TimestampNs,
    string? Comment,
    TcpEndpoint Source,
    TcpEndpoint Destination,
    uint Sequence,
    uint Acknowledgment,
    TcpFlags Flags,
    byte[] Payload)
{
    public bool Has(TcpFlags flag) => (Flags & flag) != 0;

    /// <summary>Sequence numbers the segment occupies: payload, plus one each for SYN and FIN.</summary>
    public uint SequenceLength => (uint)Payload.Length + (Has(TcpFlags.Syn) ? 1u : 0u) + (Has(TcpFlags.Fin) ? 1u : 0u);

    public static ReassembledFrame Decode(ReadOnlySpan<byte> frame, long timestampNs, string? comment)
    {
        Assert.Equal(DecodeResult.Tcp, PacketDecoder.TryDecode(LinkTypes.Ethernet, frame, out var segment));
        Assert.False(segment.PayloadTruncated);
        return new ReassembledFrame(
            frame.ToArray(), timestampNs, comment, segment.Source, segment.Destination, segment.SequenceNumber,
            segment.AcknowledgmentNumber, segment.Flags, segment.Payload.ToArray());
    }

    public override string ToString() =>
        $"{Source} > {Destination} [{Flags}] seq={Sequence} ack={Acknowledgment} len={Payload.Length} t={TimestampNs}"
        + (Comment is null ? string.Empty : $" // {Comment}");
}
