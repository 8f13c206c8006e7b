using System.Buffers.Binary;

namespace SnoopRecorder.Benchmarks.Traffic;

/// <summary>
/// Generates a deterministic capture of many keep-alive HTTP/1.1 connections from clients in 10.1.0.0/16 to an nginx
/// at 10.0.0.80:80, their packets interleaved as a switch port would see them.
/// </summary>
internal static class SyntheticTrafficGenerator
{
    private const int Seed = 20240611;
    private const int ConcurrentConnections = 16;
    private const long StartNs = 1_718_098_867_000_000_000;
    private const int MinGapNs = 2_000;
    private const int MaxGapNs = 40_000;
    private const uint ServerAddress = 0x0A00_0050;
    private const uint ClientNetwork = 0x0A01_0000;
    private const ushort ServerPort = 80;
    private const ushort FirstClientPort = 41_000;
    private const ulong ServerMac = 0x02_42_AC_11_00_50;
    private const ulong ClientMacBase = 0x02_42_AC_11_10_00;

    public static SyntheticTraffic Generate(int connections, int exchangesPerConnection)
    {
        var random = new Random(Seed);
        var messages = new HttpMessageFactory(random);
        var flows = new List<IReadOnlyList<byte[]>>(connections);
        long payloadBytes = 0;
        for (var c = 0; c < connections; c++)
        {
            var client = new TcpPeer(ClientMacBase + (ulong)c, ClientNetwork + (uint)(c * 7) + 1, (ushort)(FirstClientPort + c), (uint)random.Next());
            var server = new TcpPeer(ServerMac, ServerAddress, ServerPort, (uint)random.Next());
            var connection = new SimulatedConnection(client, server);
            connection.Handshake();
            for (var e = 0; e < exchangesPerConnection; e++)
            {
                connection.ClientSends(messages.Request("shop.example.internal", (c * exchangesPerConnection) + e));
                connection.ServerSends(messages.Response(e));
            }

            connection.Close();
            flows.Add(connection.Frames);
            payloadBytes += connection.PayloadBytes;
        }

        return Interleave(flows, payloadBytes, random);
    }

    private static SyntheticTraffic Interleave(List<IReadOnlyList<byte[]>> flows, long payloadBytes, Random random)
    {
        var ordered = new List<byte[]>();
        var active = new List<(IReadOnlyList<byte[]> Frames, int Next)>();
        var pending = new Queue<IReadOnlyList<byte[]>>(flows);
        while (active.Count > 0 || pending.Count > 0)
        {
            while (active.Count < ConcurrentConnections && pending.Count > 0)
            {
                active.Add((pending.Dequeue(), 0));
            }

            var pick = random.Next(active.Count);
            var (frames, next) = active[pick];
            ordered.Add(frames[next]);
            if (next + 1 == frames.Count)
            {
                active.RemoveAt(pick);
            }
            else
            {
                active[pick] = (frames, next + 1);
            }
        }

        var buffer = new byte[ordered.Sum(frame => frame.Length)];
        var offsets = new int[ordered.Count];
        var lengths = new int[ordered.Count];
        var timestamps = new long[ordered.Count];
        var offset = 0;
        var now = StartNs;
        var dataFrames = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].CopyTo(buffer, offset);
            offsets[i] = offset;
            lengths[i] = ordered[i].Length;
            timestamps[i] = now;
            offset += ordered[i].Length;
            now += random.Next(MinGapNs, MaxGapNs);
            if (HasPayload(ordered[i]))
            {
                dataFrames++;
            }
        }

        return new SyntheticTraffic(new CapturedFrames(buffer, offsets, lengths, timestamps), payloadBytes, dataFrames);
    }

    // Ethernet 14 + IPv4 20 + TCP data offset: anything the IP total length covers beyond that is payload.
    private static bool HasPayload(byte[] frame) =>
        BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(16)) > 20 + ((frame[14 + 20 + 12] >> 4) * 4);
}
