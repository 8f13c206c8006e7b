using SnoopRecorder.Packets.Tests.TestSupport;

namespace SnoopRecorder.Packets.Tests.Tcp;

public sealed class CorpusRobustnessTests
{
    [Fact]
    public void EveryCorpusCapture_DecodesAndReassemblesWithinTheHandlerContract()
    {
        var files = Directory.EnumerateFiles(Corpus.Root, "*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".pcap", StringComparison.Ordinal) || path.EndsWith(".pcapng", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 500, $"{files.Count} captures found");
        var tcpByLinkType = new Dictionary<int, long>();
        var read = 0;
        foreach (var path in files)
        {
            List<(int LinkType, byte[] Frame, long TimestampNs)> records;
            try
            {
                records = [.. CaptureFileRecords.Read(path)];
            }
            catch (InvalidDataException)
            {
                continue; // big-endian or compressed files: the test reader only knows little-endian ones
            }

            read++;
            var observer = new RecordingObserver();
            var tracker = new TcpConnectionTracker(new TcpReassemblyOptions(), observer);
            long index = 0, last = 0;
            foreach (var (linkType, frame, timestampNs) in records)
            {
                if (PacketDecoder.TryDecode(linkType, frame, out var segment) == DecodeResult.Tcp)
                {
                    tcpByLinkType[linkType] = tcpByLinkType.GetValueOrDefault(linkType) + 1;
                    tracker.Process(segment, timestampNs, index);
                }

                if (++index % 64 == 0)
                {
                    tracker.Advance(timestampNs);
                }

                last = Math.Max(last, timestampNs);
            }

            tracker.CloseAll(last);
            Assert.All(observer.Connections, connection => Assert.True(connection.Closed, path));
        }

        Assert.True(read > 500, $"{read} captures read");
        foreach (var linkType in new[] { LinkTypes.Ethernet, LinkTypes.Null, LinkTypes.Raw, LinkTypes.LinuxSll, LinkTypes.LinuxSll2, LinkTypes.Nflog, LinkTypes.Ipv4 })
        {
            Assert.True(tcpByLinkType.GetValueOrDefault(linkType) > 0, $"no TCP decoded from link type {linkType}");
        }
    }
}
