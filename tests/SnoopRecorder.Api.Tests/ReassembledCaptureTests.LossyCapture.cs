using System.Buffers.Binary;

namespace SnoopRecorder.Api.Tests;

public sealed partial class ReassembledCaptureTests
{
    /// <summary>
    /// Rewrites a clean Ethernet/IPv4 capture (classic pcap, little-endian) into the kind of capture that defeats
    /// tshark's in-order reassembly, and keeps every byte: every other connection loses its SYN and SYN-ACK; in two
    /// connections out of three, each data segment is cut into three pieces written last first (first, middle, last
    /// for a direction's first segment, whose place nothing else would tell when the handshake is missing), followed by
    /// a duplicate of the first piece and a retransmission overlapping the first two. Records keep the original
    /// sequence of times, spread over the longer list, so the file is in time order and the disorder is real.
    /// </summary>
    private static LossyCaptureChanges WriteLossyCopy(string original, string destination)
    {
        var file = File.ReadAllBytes(original).AsSpan();
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        Assert.True(magic is 0xA1B2C3D4 or 0xA1B23C4D, $"{original}: not a little-endian classic pcap");
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(file[20..]));

        var records = new List<(byte[] Time, byte[] Frame)>();
        for (var rest = file[24..]; rest.Length >= 16;)
        {
            var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(rest[8..]);
            records.Add((rest[..8].ToArray(), rest.Slice(16, captured).ToArray()));
            rest = rest[(16 + captured)..];
        }

        var connections = new Dictionary<string, int>();
        var directionsSeen = new HashSet<string>();
        var frames = new List<byte[]>();
        var changes = new LossyCaptureChanges();
        foreach (var (_, frame) in records)
        {
            if (!TryReadTcp(frame, out var tcp))
            {
                frames.Add(frame);
                continue;
            }

            var connection = connections.TryGetValue(tcp.Pair, out var known) ? known : connections[tcp.Pair] = connections.Count;
            if (tcp.IsSyn && connection % 2 == 0)
            {
                changes.DroppedHandshakePackets++;
                continue;
            }

            var firstOfDirection = directionsSeen.Add(tcp.Direction);
            var payload = tcp.Payload(frame);
            if (payload.Length < 3 || connection % 3 == 2)
            {
                frames.Add(frame);
                continue;
            }

            int a = payload.Length / 3, b = 2 * payload.Length / 3, n = payload.Length;
            byte[][] pieces = firstOfDirection
                ? [tcp.With(frame, 0, a), tcp.With(frame, a, b), tcp.With(frame, b, n)]
                : [tcp.With(frame, b, n), tcp.With(frame, a, b), tcp.With(frame, 0, a)];
            frames.AddRange(pieces);
            frames.Add(tcp.With(frame, 0, a));
            frames.Add(tcp.With(frame, a / 2, (a + b) / 2));
            changes.SplitSegments++;
            changes.ReorderedSegments += firstOfDirection ? 0 : 1;
        }

        using var output = File.Create(destination);
        output.Write(file[..24]);
        Span<byte> header = stackalloc byte[16];
        for (var i = 0; i < frames.Count; i++)
        {
            records[(int)((long)i * records.Count / frames.Count)].Time.CopyTo(header);
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)frames[i].Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)frames[i].Length);
            output.Write(header);
            output.Write(frames[i]);
        }

        return changes;
    }

    private static bool TryReadTcp(byte[] frame, out TcpFields tcp)
    {
        tcp = default;
        if (frame.Length < 54 || BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)) != 0x0800 || frame[23] != 6)
        {
            return false;
        }

        var ipLength = (frame[14] & 0x0F) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(16));
        var tcpStart = 14 + ipLength;
        tcp = new TcpFields(ipLength, (frame[tcpStart + 12] >> 4) * 4, 14 + totalLength,
            Convert.ToHexString(frame, 26, 4) + Convert.ToHexString(frame, tcpStart, 2),
            Convert.ToHexString(frame, 30, 4) + Convert.ToHexString(frame, tcpStart + 2, 2),
            BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(tcpStart + 4)), (frame[tcpStart + 13] & 0x02) != 0);
        return true;
    }

    /// <summary>What <see cref="WriteLossyCopy"/> changed.</summary>
    private sealed class LossyCaptureChanges
    {
        public int DroppedHandshakePackets { get; set; }

        public int SplitSegments { get; set; }

        public int ReorderedSegments { get; set; }
    }

    /// <summary>Where an Ethernet/IPv4/TCP frame's parts are, and the segment rebuilt with another slice of its payload.</summary>
    private readonly record struct TcpFields(int IpLength, int TcpLength, int End, string Source, string Destination, uint Sequence, bool IsSyn)
    {
        public string Direction => $"{Source}>{Destination}";

        public string Pair => string.CompareOrdinal(Source, Destination) < 0 ? $"{Source}|{Destination}" : $"{Destination}|{Source}";

        private int PayloadStart => 14 + IpLength + TcpLength;

        public byte[] Payload(byte[] frame) => frame[PayloadStart..End];

        /// <summary>
        /// The same segment carrying payload bytes [from, to): sequence number and IP length adjusted. Checksums are
        /// left as they are (wrong): tshark does not check them by default, and captures with offload carry such.
        /// </summary>
        public byte[] With(byte[] frame, int from, int to)
        {
            var piece = new byte[PayloadStart + (to - from)];
            frame.AsSpan(0, PayloadStart).CopyTo(piece);
            frame.AsSpan(PayloadStart + from, to - from).CopyTo(piece.AsSpan(PayloadStart));
            BinaryPrimitives.WriteUInt16BigEndian(piece.AsSpan(16), (ushort)(piece.Length - 14));
            BinaryPrimitives.WriteUInt32BigEndian(piece.AsSpan(14 + IpLength + 4), unchecked(Sequence + (uint)from));
            return piece;
        }
    }
}
