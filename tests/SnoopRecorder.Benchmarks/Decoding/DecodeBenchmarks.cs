using BenchmarkDotNet.Attributes;
using PacketDotNet;
using PacketDotNet.Utils;
using SnoopRecorder.Benchmarks.Reporting;
using SnoopRecorder.Benchmarks.Traffic;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Benchmarks.Decoding;

/// <summary>
/// Link/IP/TCP header decoding, per frame: the span decoder of the hot path against PacketDotNet's object model with
/// the copy SharpPcap's <c>GetPacket()</c> makes, and over a <see cref="ByteArraySegment"/> without one. Every variant
/// reads what the tracker needs: both addresses and ports, sequence and acknowledgment numbers, flags and the payload.
/// This is the measurement behind the hot path's own decoder (the product issue allows one only when a benchmark shows
/// PacketDotNet's object model costing time): results and reading in docs/performance.md, "Hot path".
/// </summary>
[MemoryDiagnoser]
[Config(typeof(HotPathConfig))]
[Throughput(ThroughputBasis.CapturedFrame)]
public class DecodeBenchmarks
{
    private CapturedFrames _frames = null!;

    [GlobalSetup]
    public void Setup()
    {
        _frames = SyntheticTraffic.Shared.Frames;
        var expected = SpanDecoder();
        foreach (var variant in new Func<long>[] { PacketDotNetCopy, PacketDotNetCopyWithPayloadData, PacketDotNetSegment })
        {
            var actual = variant();
            if (actual != expected)
            {
                throw new InvalidOperationException($"{variant.Method.Name} read checksum {actual}, the span decoder {expected}: they disagree.");
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SyntheticTraffic.FrameCount)]
    public long SpanDecoder()
    {
        var frames = _frames;
        long checksum = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            if (PacketDecoder.TryDecode(LinkTypes.Ethernet, frames.Frame(i), out var segment) == DecodeResult.Tcp)
            {
                checksum += Fold(segment.Source.Address, segment.Destination.Address, segment.Source.Port, segment.Destination.Port,
                    segment.SequenceNumber, segment.AcknowledgmentNumber, (int)segment.Flags, segment.Payload.Length);
            }
        }

        return checksum;
    }

    /// <summary>What a PacketDotNet hot path over SharpPcap's <c>RawCapture</c> does: copy the frame, parse, extract.</summary>
    [Benchmark(OperationsPerInvoke = SyntheticTraffic.FrameCount)]
    public long PacketDotNetCopy()
    {
        var frames = _frames;
        long checksum = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            var packet = Packet.ParsePacket(LinkLayers.Ethernet, frames.Frame(i).ToArray());
            checksum += Fold(packet.Extract<TcpPacket>(), payloadCopy: false);
        }

        return checksum;
    }

    /// <summary>As <see cref="PacketDotNetCopy"/>, reading the payload through <c>PayloadData</c>, which copies it again.</summary>
    [Benchmark(OperationsPerInvoke = SyntheticTraffic.FrameCount)]
    public long PacketDotNetCopyWithPayloadData()
    {
        var frames = _frames;
        long checksum = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            var packet = Packet.ParsePacket(LinkLayers.Ethernet, frames.Frame(i).ToArray());
            checksum += Fold(packet.Extract<TcpPacket>(), payloadCopy: true);
        }

        return checksum;
    }

    /// <summary>PacketDotNet over the frame where it lies: no frame copy, payload read through <c>PayloadDataSegment</c>.</summary>
    [Benchmark(OperationsPerInvoke = SyntheticTraffic.FrameCount)]
    public long PacketDotNetSegment()
    {
        var frames = _frames;
        long checksum = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            var packet = new EthernetPacket(new ByteArraySegment(frames.Buffer, frames.Offsets[i], frames.Lengths[i]));
            checksum += Fold(packet.Extract<TcpPacket>(), payloadCopy: false);
        }

        return checksum;
    }

    private static long Fold(TcpPacket? tcp, bool payloadCopy)
    {
        if (tcp?.ParentPacket is not IPPacket ip)
        {
            return 0;
        }

        // PacketDotNet keeps Ethernet padding in the payload when the IP packet is shorter than the frame; the span
        // decoder bounds the payload by the IP length, so bound it the same way here.
        var declared = ip.PayloadLength - (tcp.DataOffset * 4);
        var captured = payloadCopy ? tcp.PayloadData.Length : tcp.PayloadDataSegment?.Length ?? 0;
        return Fold(IpAddressValue.FromIPAddress(ip.SourceAddress), IpAddressValue.FromIPAddress(ip.DestinationAddress),
            tcp.SourcePort, tcp.DestinationPort, tcp.SequenceNumber, tcp.AcknowledgmentNumber, tcp.Flags, Math.Min(captured, declared));
    }

    private static long Fold(IpAddressValue source, IpAddressValue destination, int sourcePort, int destinationPort, uint sequence, uint acknowledgment, int flags, int payloadLength) =>
        (source.GetHashCode() & 0xFF) + (destination.GetHashCode() & 0xFF) + sourcePort + destinationPort + sequence + acknowledgment + flags + payloadLength;
}
