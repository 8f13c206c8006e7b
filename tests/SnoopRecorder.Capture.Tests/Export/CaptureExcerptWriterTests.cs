using SnoopRecorder.Capture.Export;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Capture.Tests.Corpus;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Capture.Tests.Export;

public sealed class CaptureExcerptWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snoop-excerpt-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task PcapStreamWriter_WritesRecordsLibpcapReadsBack_WithNanosecondsWireLengthAndLinkType()
    {
        var path = Path.Combine(_folder, "written.pcap");
        var big = new byte[200_000];
        Random.Shared.NextBytes(big);
        await using (var file = File.Create(path))
        {
            await using var writer = new PcapStreamWriter(file, LinkTypes.Raw);
            writer.Write(1_700_000_000_123_456_789, RawTcpFrames.Segment(RawTcpFrames.Client, RawTcpFrames.Server, TcpFlags.Syn), 40);
            writer.Write(1_700_000_001_000_000_001, big, 300_000);
            await writer.FlushAsync(CancellationToken.None);
        }

        using (var source = CaptureExcerptSource.Open(path, []))
        {
            Assert.Equal(LinkTypes.Raw, source.LinkType);
        }

        using var reader = PcapFileReader.Open(path);
        Assert.Equal(PcapReadStatus.Packet, reader.ReadNext(out var first, out var firstNs, out var firstWire));
        Assert.Equal((1_700_000_000_123_456_789L, 40, 40), (firstNs, first.Length, firstWire));
        Assert.Equal(DecodeResult.Tcp, PacketDecoder.TryDecode(reader.LinkType, first, out _));
        Assert.Equal(PcapReadStatus.Packet, reader.ReadNext(out var second, out var secondNs, out var secondWire));
        Assert.Equal((1_700_000_001_000_000_001L, 300_000), (secondNs, secondWire));
        Assert.True(second.SequenceEqual(big));
        Assert.Equal(PcapReadStatus.EndOfFile, reader.ReadNext(out _, out _));
    }

    [Fact]
    public async Task WriteAsync_MergesSourcesInTimeOrder_KeepingEveryRecordOfEachConnection()
    {
        string[] files = ["arkime/http-simple-get.pcap", "arkime/http-500-head.pcap", "arkime/http-xff.pcap"];
        var sources = files.Select(f => CaptureExcerptSource.Open(CorpusFiles.PathOf(f), [WholeFirstConnection(CorpusFiles.PathOf(f))])).ToList();
        var path = Path.Combine(_folder, "merged.pcap");
        try
        {
            await using var file = File.Create(path);
            await CaptureExcerptWriter.WriteAsync(sources, LinkTypes.Ethernet, file, CancellationToken.None);
        }
        finally
        {
            sources.ForEach(s => s.Dispose());
        }

        var merged = Timestamps(path);
        Assert.Equal(files.Sum(f => Timestamps(CorpusFiles.PathOf(f)).Count), merged.Count);
        Assert.Equal(merged.Order(), merged);
    }

    [Fact]
    public async Task WriteAsync_RefusesSourcesOfAnotherLinkType()
    {
        using var source = CaptureExcerptSource.Open(CorpusFiles.PathOf("arkime/http-simple-get.pcap"), []);
        await Assert.ThrowsAsync<ArgumentException>(() => CaptureExcerptWriter.WriteAsync([source], LinkTypes.Raw, Stream.Null, CancellationToken.None));
    }

    /// <summary>A window from the file's first TCP packet to its end, for files of one connection.</summary>
    private static ConnectionWindow WholeFirstConnection(string path)
    {
        using var reader = PcapFileReader.Open(path);
        long index = 0;
        while (reader.ReadNext(out var frame, out var timestampNs) == PcapReadStatus.Packet)
        {
            if (PacketDecoder.TryDecode(reader.LinkType, frame, out var segment) == DecodeResult.Tcp)
            {
                return ConnectionWindow.OpenFrom(segment.Source, segment.Destination, index, timestampNs);
            }

            index++;
        }

        throw new InvalidOperationException($"{path} has no TCP packet");
    }

    private static List<long> Timestamps(string path)
    {
        using var reader = PcapFileReader.Open(path);
        var timestamps = new List<long>();
        while (reader.ReadNext(out _, out var timestampNs) == PcapReadStatus.Packet)
        {
            timestamps.Add(timestampNs);
        }

        return timestamps;
    }
}
