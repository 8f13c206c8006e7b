using System.Security.Cryptography;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Packets;
using SnoopRecorder.Analysis;

namespace SnoopRecorder.Capture.Tests.Corpus;

/// <summary>
/// tcpflow's expected MD5 of each reassembled TCP direction is the oracle for the reassembly layer alone, including
/// files whose packets are shuffled (timestamps going backwards, put back in order by the file reader's reorder window),
/// where tshark fails.
/// </summary>
public sealed class TcpflowStreamTests
{
    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var pcap in ExpectedStreams().Select(s => s.Pcap).Distinct())
        {
            data.Add(pcap);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void ReassembledDirections_MatchTcpflowDigests(string pcap)
    {
        var streams = Reassemble(CorpusFiles.PathOf($"tcpflow/{pcap}"));

        foreach (var expected in ExpectedStreams().Where(s => s.Pcap == pcap))
        {
            var key = $"{expected.Source}-{expected.Destination}";
            Assert.True(streams.TryGetValue(key, out var bytes), $"no stream {key}; found {string.Join(", ", streams.Keys)}");
            Assert.Equal(expected.Bytes, bytes.Length);
            Assert.Equal(expected.Md5, Convert.ToHexStringLower(MD5.HashData(bytes.ToArray())));
        }
    }

    private static Dictionary<string, MemoryStream> Reassemble(string path)
    {
        var observer = new StreamCollector();
        var tracker = new TcpConnectionTracker(new TcpReassemblyOptions(), observer);
        using var reader = PcapFileReader.Open(path);
        using var window = new PacketReorderWindow();
        long index = 0;
        long last = 0;
        while (reader.ReadNext(out var frame, out var timestamp) == PcapReadStatus.Packet)
        {
            window.Push(frame, timestamp, index++);
            last = Math.Max(last, timestamp);
            while (window.IsOverfull)
            {
                Feed(tracker, reader.LinkType, window);
            }
        }

        while (window.Count > 0)
        {
            Feed(tracker, reader.LinkType, window);
        }

        tracker.CloseAll(last);
        return observer.Streams;
    }

    private static void Feed(TcpConnectionTracker tracker, int linkType, PacketReorderWindow window)
    {
        window.TryPop(out var packet);
        if (PacketDecoder.TryDecode(linkType, packet.Frame, out var segment) == DecodeResult.Tcp)
        {
            tracker.Process(segment, packet.TimestampNs, packet.Index);
        }

        PacketReorderWindow.Release(packet);
    }

    private static IEnumerable<(string Pcap, string Source, string Destination, int Bytes, string Md5)> ExpectedStreams() =>
        File.ReadLines(CorpusFiles.PathOf("tcpflow/EXPECTED_STREAM_MD5.tsv"))
            .Where(l => !l.StartsWith('#') && !l.StartsWith("pcap\t", StringComparison.Ordinal) && l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(c => (c[0], Normalise(c[1]), Normalise(c[2]), int.Parse(c[3]), c[4]));

    // The TSV writes IPv6 addresses uncompressed in places ("2001:0:53aa:..."); compare in the canonical form.
    private static string Normalise(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        var ip = System.Net.IPAddress.Parse(endpoint[..colon].Trim('[', ']'));
        return new NetworkEndpoint(ip.ToString(), int.Parse(endpoint[(colon + 1)..])).ToString();
    }

    private sealed class StreamCollector : ITcpConnectionObserver
    {
        public Dictionary<string, MemoryStream> Streams { get; } = [];

        public ITcpStreamHandler OnConnectionOpened(TcpConnectionInfo connection) => new Handler(this, connection);

        private sealed class Handler(StreamCollector owner, TcpConnectionInfo connection) : ITcpStreamHandler
        {
            public void OnData(TcpDirection direction, ReadOnlySpan<byte> data, long timestampNs, long packetIndex, long acknowledged)
            {
                var (from, to) = direction == TcpDirection.FromInitiator
                    ? (connection.Initiator, connection.Responder)
                    : (connection.Responder, connection.Initiator);
                var key = $"{Format(from)}-{Format(to)}";
                if (!owner.Streams.TryGetValue(key, out var stream))
                {
                    owner.Streams[key] = stream = new MemoryStream();
                }

                stream.Write(data);
            }

            public void OnGap(TcpDirection direction, long length, long timestampNs, long packetIndex)
            {
            }

            public void OnConflict(TcpDirection direction, long length, long timestampNs, long packetIndex)
            {
            }

            public void OnEnd(TcpDirection direction, long timestampNs, long packetIndex)
            {
            }

            public void OnClosed(TcpConnectionInfo connection)
            {
            }

            private static string Format(TcpEndpoint endpoint) => new NetworkEndpoint(endpoint.Address.ToString(), endpoint.Port).ToString();
        }
    }
}
