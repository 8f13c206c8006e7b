using System.Buffers.Binary;
using System.Text;

namespace SnoopRecorder.Capture.Tests.Corpus;

/// <summary>
/// Writes a copy of a little-endian classic pcap of Ethernet/IPv4 frames (802.1Q tags allowed) in which whole responses
/// of a keep-alive (not pipelined) connection are missing, as capture loss would leave them: every server segment whose
/// bytes lie in such a response is dropped, retransmissions too, while the client's acknowledgments stay. Response k
/// is the server's bytes from the acknowledgment number of request k up to that of request k + 1.
/// </summary>
internal static class ResponseDroppingCopy
{
    /// <summary>Drops the responses to the requests numbered (from 1) in <paramref name="responses"/>; returns their targets.</summary>
    public static IReadOnlyList<string> Write(string original, string destination, params int[] responses)
    {
        var file = File.ReadAllBytes(original);
        Assert.Equal(0xA1B2C3D4u, BinaryPrimitives.ReadUInt32LittleEndian(file));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(20)));
        var records = new List<(int Start, int Length, Segment? Tcp)>();
        for (var at = 24; at + 16 <= file.Length;)
        {
            var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8));
            records.Add((at, 16 + captured, Segment.TryRead(file.AsSpan(at + 16, captured))));
            at += 16 + captured;
        }

        // The client's first copy of each request line gives where that request's response begins.
        var segments = records.Select(r => r.Tcp).OfType<Segment>().ToList();
        var serverPort = segments.First(t => t.PayloadText.StartsWith("GET ", StringComparison.Ordinal)).DestinationPort;
        var requests = new List<(uint Sequence, uint Acknowledged, string Target)>();
        foreach (var tcp in segments.Where(t => t.DestinationPort == serverPort))
        {
            var line = tcp.PayloadText;
            if (line.StartsWith("GET ", StringComparison.Ordinal) && requests.All(r => r.Sequence != tcp.Sequence))
            {
                requests.Add((tcp.Sequence, tcp.Acknowledgment, line.Split(' ')[1]));
            }
        }

        var ranges = responses.Select(n => (
            From: requests[n - 1].Acknowledged,
            To: n < requests.Count ? requests[n].Acknowledged : uint.MaxValue)).ToList();
        using var output = File.Create(destination);
        output.Write(file, 0, 24);
        foreach (var (start, length, tcp) in records)
        {
            var dropped = tcp is { PayloadLength: > 0 } && tcp.SourcePort == serverPort
                && ranges.Any(r => unchecked(tcp.Sequence - r.From) < unchecked(r.To - r.From));
            if (!dropped)
            {
                output.Write(file, start, length);
            }
        }

        return [.. responses.Select(n => requests[n - 1].Target)];
    }

    private sealed record Segment(int SourcePort, int DestinationPort, uint Sequence, uint Acknowledgment, int PayloadLength, string PayloadText)
    {
        public static Segment? TryRead(ReadOnlySpan<byte> frame)
        {
            var ip = frame.Length > 18 && BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) == 0x8100 ? 18 : 14;
            if (frame.Length < ip + 40 || BinaryPrimitives.ReadUInt16BigEndian(frame[(ip - 2)..]) != 0x0800 || frame[ip + 9] != 6)
            {
                return null;
            }

            var tcp = ip + ((frame[ip] & 0x0F) * 4);
            var end = Math.Min(frame.Length, ip + BinaryPrimitives.ReadUInt16BigEndian(frame[(ip + 2)..]));
            var payload = tcp + ((frame[tcp + 12] >> 4) * 4);
            var text = Encoding.Latin1.GetString(frame[payload..Math.Max(payload, end)]);
            return new Segment(
                BinaryPrimitives.ReadUInt16BigEndian(frame[tcp..]),
                BinaryPrimitives.ReadUInt16BigEndian(frame[(tcp + 2)..]),
                BinaryPrimitives.ReadUInt32BigEndian(frame[(tcp + 4)..]),
                BinaryPrimitives.ReadUInt32BigEndian(frame[(tcp + 8)..]),
                Math.Max(0, end - payload),
                text);
        }
    }
}
