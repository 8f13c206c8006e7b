using PacketDotNet;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Capture.Tests.Corpus;

/// <summary>
/// The span-based decoder of the hot path must agree with PacketDotNet, the reference dissector, on every TCP packet
/// of the corpus: same endpoints, sequence numbers, flags and payload.
/// </summary>
public sealed class DecoderCrossCheckTests
{
    private static readonly int[] CheckedLinkTypes = [LinkTypes.Ethernet, LinkTypes.Raw, LinkTypes.LinuxSll, LinkTypes.Null];

    [Fact]
    public void SpanDecoder_AgreesWithPacketDotNet_OnEveryCorpusTcpPacket()
    {
        var compared = 0;
        var disagreements = new List<string>();
        foreach (var row in CorpusFiles.Manifest().Where(r => !r["file"].EndsWith(".gz", StringComparison.Ordinal)))
        {
            using var reader = PcapFileReader.Open(CorpusFiles.PathOf(row["file"]));
            if (!CheckedLinkTypes.Contains(reader.LinkType))
            {
                continue;
            }

            long index = 0;
            while (reader.ReadNext(out var frame, out _) == PcapReadStatus.Packet)
            {
                var reference = Reference(reader.LinkType, frame.ToArray());
                var result = PacketDecoder.TryDecode(reader.LinkType, frame, out var segment);
                if (reference is not null && result == DecodeResult.Tcp)
                {
                    compared++;
                    var ours = $"{segment.Source.Address}:{segment.Source.Port}>{segment.Destination.Address}:{segment.Destination.Port} seq={segment.SequenceNumber} ack={segment.AcknowledgmentNumber} flags={(byte)segment.Flags} payload={Convert.ToHexString(segment.Payload)}";
                    if (ours != reference)
                    {
                        disagreements.Add($"{row["file"]}#{index}: ours {ours} | PacketDotNet {reference}");
                    }
                }

                index++;
            }
        }

        Assert.True(compared > 10_000, $"only {compared} packets compared");
        Assert.True(disagreements.Count == 0, string.Join('\n', disagreements.Take(20)));
    }

    private static string? Reference(int linkType, byte[] frame)
    {
        try
        {
            var packet = Packet.ParsePacket((LinkLayers)linkType, frame);
            var tcp = packet.Extract<TcpPacket>();
            if (tcp?.ParentPacket is not IPPacket ip || ip is IPv4Packet { FragmentOffset: > 0 } || ip is IPv4Packet v4 && (v4.FragmentFlags & 1) != 0)
            {
                return null;
            }

            // PacketDotNet keeps Ethernet padding in the payload when the IP length is shorter; bound it by the IP length.
            var payload = tcp.PayloadData ?? [];
            var ipPayloadLength = ip is IPv4Packet ip4 ? ip4.TotalLength - ip4.HeaderLength * 4 : ip.PayloadLength;
            var tcpPayloadLength = Math.Max(0, Math.Min(payload.Length, ipPayloadLength - tcp.DataOffset * 4));
            return $"{ip.SourceAddress}:{tcp.SourcePort}>{ip.DestinationAddress}:{tcp.DestinationPort} seq={tcp.SequenceNumber} ack={tcp.AcknowledgmentNumber} flags={tcp.Flags} payload={Convert.ToHexString(payload, 0, tcpPayloadLength)}";
        }
        catch (Exception)
        {
            return null; // PacketDotNet gives up on malformed frames; nothing to compare against
        }
    }
}
