using System.Security.Cryptography;
using SnoopRecorder.Packets.Tests.TestSupport;

namespace SnoopRecorder.Packets.Tests.Tcp;

/// <summary>Reassembles real captures and compares every direction with tcpflow's published MD5s.</summary>
public sealed class CorpusReassemblyTests
{
    // The randomized files hold test5-lines.pcap's packets in shuffled file order (times kept). A streaming
    // reassembler cannot undo a shuffle of the whole connection (FINs and data before the SYN); the reader has to
    // order such files by packet time first, which is what these cases do.
    public static TheoryData<string, bool> TcpflowCaptures => new()
    {
        { "test1.pcap", false },
        { "test4.pcap", false },
        { "test5-lines.pcap", false },
        { "test5-lines-randomized.pcap", true },
        { "test5-lines-randomized2.pcap", true },
    };

    [Theory]
    [MemberData(nameof(TcpflowCaptures))]
    public void TcpflowCapture_ReassemblesEveryDirectionToTheExpectedMd5(string capture, bool orderByPacketTime)
    {
        var folder = Path.Combine(Corpus.Root, "tcpflow");
        var expected = File.ReadLines(Path.Combine(folder, "EXPECTED_STREAM_MD5.tsv"))
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Where(fields => fields[0] == capture)
            .ToList();
        Assert.NotEmpty(expected);

        var observer = new RecordingObserver();
        var tracker = new TcpConnectionTracker(new TcpReassemblyOptions(), observer);
        long index = 0, last = 0;
        var records = CaptureFileRecords.Read(Path.Combine(folder, capture)).ToList();
        if (orderByPacketTime)
        {
            records = [.. records.OrderBy(record => record.TimestampNs)];
        }

        foreach (var (linkType, frame, timestampNs) in records)
        {
            if (PacketDecoder.TryDecode(linkType, frame, out var segment) == DecodeResult.Tcp)
            {
                tracker.Process(segment, timestampNs, index);
            }

            index++;
            last = Math.Max(last, timestampNs);
        }

        tracker.CloseAll(last);
        var streams = new Dictionary<string, byte[]>();
        foreach (var connection in observer.Connections)
        {
            var info = connection.Connection;
            Assert.NotNull(info.CloseReason);
            streams[$"{info.Initiator}-{info.Responder}"] = connection.Stream(TcpDirection.FromInitiator);
            streams[$"{info.Responder}-{info.Initiator}"] = connection.Stream(TcpDirection.FromResponder);
        }

        foreach (var fields in expected)
        {
            var flow = $"{fields[1]}-{fields[2]}";
            Assert.True(streams.TryGetValue(flow, out var stream), $"{flow} not found among {string.Join(", ", streams.Keys)}");
            Assert.Equal(long.Parse(fields[3]), stream.Length);
            Assert.Equal(fields[4], Convert.ToHexStringLower(MD5.HashData(stream)));
        }

        Assert.Equal(0, tracker.Stats.GapBytes);
    }
}
