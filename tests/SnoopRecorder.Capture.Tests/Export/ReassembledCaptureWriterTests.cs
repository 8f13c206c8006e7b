using SnoopRecorder.Capture.Export;
using SnoopRecorder.Capture.Export.Reassembled;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Capture.Tests.Corpus;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Capture.Tests.Export;

/// <summary>
/// <see cref="ReassembledCaptureWriter"/> on public captures, checked with libpcap and tshark: a pcapng file any tool
/// reads, the same HTTP as the original where the original is clean, and where it is not (shuffled, lossy) the
/// streams tcpflow's oracle expects, gaps marked.
/// </summary>
public sealed class ReassembledCaptureWriterTests : IDisposable
{
    private readonly ReassembledCaptureFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("tcpflow/test5-lines-randomized.pcap")]
    [InlineData("tcpflow/test5-lines-randomized2.pcap")]
    public async Task ShuffledCapture_TsharkMissesTheResponseInTheOriginal_AndFollowsTheStreamsTcpflowExpectsRebuilt(string file)
    {
        var original = CorpusFiles.PathOf(file);
        var (rebuilt, _) = await _files.RebuildAsync("shuffled.pcapng", original);

        Assert.Empty(await ReassembledTshark.FieldsAsync(original, "http.response", "http.response.code"));
        Assert.Equal(["/lines.txt"], await ReassembledTshark.FieldsAsync(rebuilt, "http.request", "http.request.uri"));
        Assert.Equal(["200"], await ReassembledTshark.FieldsAsync(rebuilt, "http.response", "http.response.code"));
        var (client, server) = await ReassembledTshark.FollowAsync(rebuilt, 0);
        var expected = ExpectedStreamMd5(file);
        Assert.Equal(expected["192.168.10.105:49392"], Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(client)));
        Assert.Equal(expected["69.163.156.173:80"], Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(server)));
    }

    [Theory]
    [InlineData("arkime/http-simple-get.pcap")]
    [InlineData("arkime/v6-http.pcap")]
    [InlineData("arkime/http-empty-useragent.pcap")]
    [InlineData("suricata/filestore-filecontainer-http/filecontainer-http.pcap")]
    [InlineData("suricata/decode-sll2-02/input.pcap")]
    [InlineData("zeek/traces/http/pipelined-requests.pcap")]
    [InlineData("zeek/traces/wikipedia.pcap")]
    public async Task CleanCapture_Rebuilt_GivesTsharkTheSameRequestsAndResponses_WithValidChecksums(string file)
    {
        var original = CorpusFiles.PathOf(file);
        var (rebuilt, summary) = await _files.RebuildAsync("clean.pcapng", original);

        Assert.Equal(Sorted(await Http(original, "http.request", "http.request.method", "http.request.uri")),
            Sorted(await Http(rebuilt, "http.request", "http.request.method", "http.request.uri")));
        Assert.Equal(Sorted(await Http(original, "http.response", "http.response.code")),
            Sorted(await Http(rebuilt, "http.response", "http.response.code")));
        Assert.Empty(await ReassembledTshark.BadChecksumFramesAsync(rebuilt));
        var read = ReassembledPcapng.Read(rebuilt);
        Assert.Equal(summary.Frames, read.Frames.Count);
        ReassembledTrace.AssertWellFormed(read.Frames);
    }

    [Fact]
    public async Task RetransmittedResponses_AreWrittenOnce_SoTsharkCountsEachResponseOnce()
    {
        // 4 chunked POSTs and their 4 responses, with 47 retransmissions: tshark dissects two retransmitted responses again.
        var original = CorpusFiles.PathOf("arkime/wireshark-retrans.pcap");
        var (rebuilt, _) = await _files.RebuildAsync("retrans.pcapng", original);

        Assert.Equal(6, (await Http(original, "http.response", "http.response.code")).Count);
        Assert.Equal(["200", "200", "200", "200"], await Http(rebuilt, "http.response", "http.response.code"));
        Assert.Equal(4, (await Http(rebuilt, "http.request", "http.request.uri")).Count);
        Assert.Empty(await ReassembledTshark.FieldsAsync(rebuilt, "tcp.analysis.retransmission || tcp.analysis.out_of_order || tcp.analysis.lost_segment", "frame.number"));
    }

    [Fact]
    public async Task RebuiltCapture_IsPcapngThatLibpcapReads_WithSectionCommentAndClosingTotals()
    {
        var original = CorpusFiles.PathOf("arkime/arkime_synthetic.pcap");
        var (rebuilt, summary) = await _files.RebuildAsync("synthetic.pcapng", original);

        using (var reader = PcapFileReader.Open(rebuilt))
        {
            Assert.Equal(LinkTypes.Ethernet, reader.LinkType);
            var records = 0;
            while (reader.ReadNext(out var frame, out _) == PcapReadStatus.Packet)
            {
                Assert.Equal(DecodeResult.Tcp, PacketDecoder.TryDecode(reader.LinkType, frame, out _));
                records++;
            }

            Assert.Equal(summary.Frames, records);
        }

        var read = ReassembledPcapng.Read(rebuilt);
        Assert.Equal(LinkTypes.Ethernet, read.LinkType);
        Assert.StartsWith("SnoopRecorder reassembled capture of a test.", read.SectionComment);
        Assert.Contains("'gap:'", read.SectionComment);
        Assert.Equal(
            $"SnoopRecorder totals: {summary.Frames} packets, {summary.Connections} connections rebuilt ({summary.SynthesizedHandshakes} "
            + $"with a synthesised handshake, {summary.SynthesizedCloses} with a synthesised close), {summary.DataBytes} payload bytes, "
            + $"{summary.Gaps} gaps ({summary.GapBytes} bytes not captured), "
            + $"{summary.Conflicts} conflicts ({summary.ConflictBytes} bytes that had a different copy, first copy kept).",
            read.StatisticsComment);
        Assert.Equal((read.Frames[0].TimestampNs, read.Frames[^1].TimestampNs), (read.StatisticsStartNs, read.StatisticsEndNs));
        Assert.True(summary.Connections > 50 && summary.SynthesizedHandshakes > 0, $"{summary.Connections} connections");
        ReassembledTrace.AssertWellFormed(read.Frames);
    }

    [Theory]
    [InlineData("zeek/traces/http/zero-length-bodies-with-drops.pcap")]
    [InlineData("arkime/tcp-reassembly-synthetic.pcap")]
    public async Task LossyCapture_EachGapIsASequenceJumpMarkedOnThePacketAfterIt_AndCountedInTheTotals(string file)
    {
        var (rebuilt, summary) = await _files.RebuildAsync("lossy.pcapng", CorpusFiles.PathOf(file));

        var read = ReassembledPcapng.Read(rebuilt);
        var marked = read.Frames.Select((f, i) => (Frame: f, Number: i + 1)).Where(f => f.Frame.Comment?.Contains("gap:", StringComparison.Ordinal) == true).ToList();
        Assert.True(summary.Gaps > 0);
        Assert.Equal(summary.Gaps, marked.Sum(f => f.Frame.Comment!.Split("gap:").Length - 1));
        Assert.Equal(summary.GapBytes, marked.Sum(f => f.Frame.Comment!.Split("gap: ").Skip(1).Sum(g => long.Parse(g[..g.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture))));

        // tshark sees the jump and says so on the very packets that carry the comment.
        var lost = await ReassembledTshark.FieldsAsync(rebuilt, "tcp.analysis.lost_segment", "frame.number");
        Assert.Equal(marked.Select(f => f.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)), lost);
        ReassembledTrace.AssertWellFormed(read.Frames);
    }

    [Fact]
    public async Task ConnectionWindows_RebuildOnlyTheSelectedConnections()
    {
        var original = CorpusFiles.PathOf("zeek/traces/wikipedia.pcap");
        var first = FirstTcpPacket(original, port: 80);
        var window = ConnectionWindow.OpenFrom(first.Source, first.Destination, first.Index, first.TimestampNs);

        var (rebuilt, summary) = await _files.RebuildAsync("one.pcapng", (original, [window]));

        Assert.Equal(1, summary.Connections);
        var read = ReassembledPcapng.Read(rebuilt);
        Assert.All(read.Frames, f => Assert.True(
            (f.Source == first.Source && f.Destination == first.Destination) || (f.Source == first.Destination && f.Destination == first.Source)));
        Assert.Equal(["/"], await ReassembledTshark.FieldsAsync(rebuilt, "http.request", "http.request.uri"));
    }

    [Fact]
    public async Task SeveralCaptures_OfDifferentLinkTypes_AreMergedInTimeOrderIntoOneEthernetCapture()
    {
        string[] files = ["arkime/http-simple-get.pcap", "arkime/http-empty-useragent.pcap", "suricata/decode-sll2-01/input.pcap"];
        var (rebuilt, _) = await _files.RebuildAsync("merged.pcapng", [.. files.Select(CorpusFiles.PathOf)]);

        var read = ReassembledPcapng.Read(rebuilt);
        Assert.Equal(read.Frames.Select(f => f.TimestampNs).Order(), read.Frames.Select(f => f.TimestampNs));
        var expected = new List<string>();
        foreach (var file in files)
        {
            expected.AddRange(await Http(CorpusFiles.PathOf(file), "http.request", "http.request.uri"));
        }

        Assert.Equal(Sorted(expected), Sorted(await Http(rebuilt, "http.request", "http.request.uri")));
        ReassembledTrace.AssertWellFormed(read.Frames);
    }

    [Fact]
    public async Task NothingSelected_IsAValidEmptyCapture()
    {
        var (rebuilt, summary) = await _files.RebuildAsync("empty.pcapng", (CorpusFiles.PathOf("arkime/http-simple-get.pcap"), []));

        Assert.Equal(0, summary.Frames);
        var read = ReassembledPcapng.Read(rebuilt);
        Assert.Empty(read.Frames);
        Assert.Empty(await ReassembledTshark.FieldsAsync(rebuilt, "frame", "frame.number"));
    }

    private static Task<List<string>> Http(string capture, string filter, params string[] fields) =>
        ReassembledTshark.FieldsAsync(capture, filter, fields);

    private static List<string> Sorted(IEnumerable<string> values) => [.. values.Order(StringComparer.Ordinal)];

    private static Dictionary<string, string> ExpectedStreamMd5(string file) =>
        File.ReadLines(CorpusFiles.PathOf("tcpflow/EXPECTED_STREAM_MD5.tsv"))
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Where(f => f[0] == Path.GetFileName(file))
            .ToDictionary(f => f[1], f => f[4]);

    private static (TcpEndpoint Source, TcpEndpoint Destination, long Index, long TimestampNs) FirstTcpPacket(string path, int port)
    {
        using var reader = PcapFileReader.Open(path);
        long index = 0;
        while (reader.ReadNext(out var frame, out var timestampNs) == PcapReadStatus.Packet)
        {
            if (PacketDecoder.TryDecode(reader.LinkType, frame, out var segment) == DecodeResult.Tcp
                && (segment.Source.Port == port || segment.Destination.Port == port))
            {
                return (segment.Source, segment.Destination, index, timestampNs);
            }

            index++;
        }

        throw new InvalidOperationException($"no TCP packet on port {port} in {path}");
    }
}
