using System.Net;
using SnoopRecorder.Api.Tests.Recording;
using Xunit.Abstractions;

namespace SnoopRecorder.Api.Tests;

/// <summary>
/// <c>?mode=reassembled</c> on the three capture downloads: a clean pcapng rebuilt from the reassembled TCP streams,
/// checked with tshark against the original capture — on a lossy, reordered copy of it where tshark reading the raw
/// packets misses exchanges.
/// </summary>
public sealed partial class ReassembledCaptureTests : IDisposable
{
    private const string Wikipedia = "zeek/traces/wikipedia.pcap";
    private const string PcapngMediaType = "application/x-pcapng";

    private readonly SnoopApiFactory _factory = new();
    private readonly HttpClient _client;
    private readonly string _folder = Directory.CreateTempSubdirectory("snoop-reassembled-api-").FullName;

    private readonly ITestOutputHelper _output;

    public ReassembledCaptureTests(ITestOutputHelper output)
    {
        _output = output;
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task LossyReorderedCapture_TsharkMissesExchangesInTheRawPackets_AndFindsEveryOneInTheReassembledExport()
    {
        var original = Corpus.PathOf(Wikipedia);
        var lossy = Path.Combine(_folder, "lossy.pcap");
        var changes = WriteLossyCopy(original, lossy);
        Assert.True(changes is { DroppedHandshakePackets: > 0, ReorderedSegments: > 5 }, "the copy is not lossy enough to prove anything");

        var requests = Sorted(Tools.TsharkRequestUris(original));
        var responses = Sorted(Fields(original, "http.response", "http.response.code"));
        Assert.Equal(15, requests.Count);
        Assert.Equal(15, responses.Count);
        var rawRequests = Tools.TsharkRequestUris(lossy);
        var rawResponses = Fields(lossy, "http.response", "http.response.code");
        _output.WriteLine($"lossy copy: {changes.DroppedHandshakePackets} handshake packets dropped, {changes.SplitSegments} segments "
            + $"split ({changes.ReorderedSegments} reordered); tshark finds {rawRequests.Length} of {requests.Count} requests, "
            + $"{rawResponses.Count} of {responses.Count} responses");
        Assert.True(rawRequests.Length < requests.Count, $"tshark found all {rawRequests.Length} requests in the lossy copy");
        Assert.True(rawResponses.Count < responses.Count);

        var imported = await _client.ImportAsync(lossy);
        Assert.Equal(requests.Count, imported.GetProperty("exchanges").GetInt32());
        var session = imported.GetProperty("id").GetString();
        var response = await _client.GetAsync($"/api/sessions/{session}/pcap?mode=reassembled");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PcapngMediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"attachment; filename=\"session-{session}-reassembled.pcapng\"", response.Content.Headers.ContentDisposition?.ToString());
        var reassembled = await SaveAsync(response, "reassembled.pcapng");

        Assert.Equal(requests, Sorted(Tools.TsharkRequestUris(reassembled)));
        Assert.Equal(responses, Sorted(Fields(reassembled, "http.response", "http.response.code")));
        Assert.Equal(StreamBytes(original), StreamBytes(reassembled));
        Assert.Empty(Fields(reassembled, "tcp.analysis.retransmission || tcp.analysis.out_of_order || tcp.analysis.lost_segment", "frame.number"));
        Assert.Empty(Fields(reassembled, "tcp.checksum.status==0 || ip.checksum.status==0", ["frame.number"], checkChecksums: true));
    }

    [Fact]
    public async Task LossyCapture_GapsStayGaps_MarkedOnThePacketAfterEach_AndCountedInTrailersWhereTheConnectionCarriesThem()
    {
        // Seven keep-alive requests with dropped segments: bytes that no packet of the capture holds.
        var session = await ImportAsync("zeek/traces/http/zero-length-bodies-with-drops.pcap");

        var response = await _client.GetAsync($"/api/sessions/{session}/pcap?mode=reassembled");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = await SaveAsync(response, "gaps.pcapng");
        var comments = Fields(path, "frame.comment contains \"gap:\"", "frame.number", "frame.comment");
        Assert.NotEmpty(comments);
        Assert.Equal(comments.Select(c => c.Split('|')[0]), Fields(path, "tcp.analysis.lost_segment", "frame.number"));
        var gaps = comments.Sum(c => c.Split("gap: ").Length - 1);
        var gapBytes = comments.SelectMany(c => c.Split("gap: ").Skip(1)).Sum(g => long.Parse(g[..g.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture));

        // The in-memory test server carries trailers as HTTP/2 does (Kestrel sends none over HTTP/1.1).
        Assert.Equal([gaps.ToString(System.Globalization.CultureInfo.InvariantCulture)], response.TrailingHeaders.GetValues("X-Snoop-Gaps"));
        Assert.Equal([gapBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)], response.TrailingHeaders.GetValues("X-Snoop-Gap-Bytes"));
    }

    [Fact]
    public async Task ExchangeReassembled_IsTheConnectionOfTheExchangeAlone_AsPcapngNamedAfterIt()
    {
        var session = await ImportAsync(Wikipedia);
        var exchange = (await _client.GetJsonAsync($"/api/exchanges?session={session}&uri=/skins-1.5/monobook/main.css")).Items().Single();
        var id = exchange.GetProperty("id").GetInt64();

        var response = await _client.GetAsync($"/api/exchanges/{id}/pcap?mode=reassembled");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PcapngMediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"attachment; filename=\"exchange-{id}-reassembled.pcapng\"", response.Content.Headers.ContentDisposition?.ToString());
        var path = await SaveAsync(response, "exchange.pcapng");
        Assert.Equal(["/skins-1.5/monobook/main.css"], Tools.TsharkRequestUris(path));
        Assert.Equal(["0"], Fields(path, "tcp", "tcp.stream").Distinct());
        var client = exchange.GetProperty("client");
        Assert.Equal(
            $"{client.GetProperty("ip").GetString()}|{client.GetProperty("port").GetInt32()}",
            Fields(path, "tcp.flags.syn==1 && tcp.flags.ack==0", "ip.src", "tcp.srcport").Single());
    }

    [Fact]
    public async Task FilteredReassembled_OverCapturesOfDifferentLinkTypes_IsOneEthernetCapture_WhereRawRefuses()
    {
        await ImportAsync("arkime/http-simple-get.pcap");
        await ImportAsync("arkime/http-empty-useragent.pcap");
        var matching = (await _client.GetJsonAsync("/api/exchanges")).Items();
        await (await _client.GetAsync("/api/exchanges/pcap")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var response = await _client.GetAsync("/api/exchanges/pcap?mode=reassembled");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=\"exchanges-reassembled.pcapng\"", response.Content.Headers.ContentDisposition?.ToString());
        var path = await SaveAsync(response, "exchanges.pcapng");
        Assert.Equal("Ethernet", Tools.Run("capinfos", "-E", path).Split(':')[^1].Trim());
        Assert.Equal(Sorted(matching.Select(e => e.GetProperty("uri").GetString()!)), Sorted(Tools.TsharkRequestUris(path)));
    }

    [Fact]
    public async Task FilteredReassembled_HoldsOnlyTheMatchingExchangesConnections()
    {
        var session = await ImportAsync(Wikipedia);
        var all = (await _client.GetJsonAsync($"/api/exchanges?session={session}")).Items();
        var matching = (await _client.GetJsonAsync($"/api/exchanges?session={session}&uri=/wikipedia/commons/thumb/*")).Items();
        var connections = matching.Select(e => e.GetProperty("connectionId").GetInt64()).ToHashSet();
        var expected = all.Where(e => connections.Contains(e.GetProperty("connectionId").GetInt64())).Select(e => e.GetProperty("uri").GetString()!);

        var response = await _client.GetAsync($"/api/exchanges/pcap?session={session}&uri=/wikipedia/commons/thumb/*&mode=reassembled");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = await SaveAsync(response, "matching.pcapng");
        Assert.Equal(Sorted(expected), Sorted(Tools.TsharkRequestUris(path)));
        Assert.Equal(connections.Count, Fields(path, "tcp", "tcp.stream").Distinct().Count());
    }

    [Fact]
    public async Task ModeRaw_IsTheDefault_TheCapturedPacketsAsPcap()
    {
        var session = await ImportAsync("arkime/http-simple-get.pcap");
        var id = (await _client.GetJsonAsync($"/api/exchanges?session={session}")).Items()[0].GetProperty("id").GetInt64();

        foreach (var url in new[] { $"/api/sessions/{session}/pcap", $"/api/exchanges/{id}/pcap", "/api/exchanges/pcap" })
        {
            var plain = await _client.GetAsync(url);
            var raw = await _client.GetAsync($"{url}{(url.Contains('?') ? '&' : '?')}mode=raw");
            Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
            Assert.Equal(plain.Content.Headers.ContentType?.MediaType, raw.Content.Headers.ContentType?.MediaType);
            Assert.Equal(plain.Content.Headers.ContentDisposition?.ToString(), raw.Content.Headers.ContentDisposition?.ToString());
            Assert.Equal(await plain.Content.ReadAsByteArrayAsync(), await raw.Content.ReadAsByteArrayAsync());
        }
    }

    [Theory]
    [InlineData("/api/sessions/{session}/pcap?mode=clean")]
    [InlineData("/api/exchanges/{exchange}/pcap?mode=")]
    [InlineData("/api/exchanges/pcap?mode=pcapng")]
    public async Task InvalidMode_Is400NamingTheParameterAndWhatItAccepts(string url)
    {
        var session = await ImportAsync("arkime/http-simple-get.pcap");
        var id = (await _client.GetJsonAsync($"/api/exchanges?session={session}")).Items()[0].GetProperty("id").GetInt64();

        var response = await _client.GetAsync(url.Replace("{session}", session).Replace("{exchange}", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'mode'", detail);
        Assert.Contains("raw", detail);
        Assert.Contains("reassembled", detail);
    }

    [Fact]
    public async Task OpenApiDocument_ListsModeAndBothMediaTypes_OnTheThreeDownloads()
    {
        var paths = (await _client.GetJsonAsync("/openapi/v1.json")).GetProperty("paths");

        foreach (var path in new[] { "/api/sessions/{id}/pcap", "/api/exchanges/{id}/pcap", "/api/exchanges/pcap" })
        {
            var operation = paths.GetProperty(path).GetProperty("get");
            Assert.Contains(operation.GetProperty("parameters").EnumerateArray(),
                p => p.GetProperty("name").GetString() == "mode" && p.GetProperty("in").GetString() == "query");
            var content = operation.GetProperty("responses").GetProperty("200").GetProperty("content");
            Assert.True(content.TryGetProperty("application/vnd.tcpdump.pcap", out _), path);
            Assert.True(content.TryGetProperty(PcapngMediaType, out _), path);
            Assert.True(operation.GetProperty("responses").TryGetProperty("400", out _), path);
        }
    }

    [Fact]
    public async Task UnknownExchangeOrSession_IsStill404InReassembledMode()
    {
        await (await _client.GetAsync("/api/exchanges/999999/pcap?mode=reassembled")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/api/sessions/nosuchsession/pcap?mode=reassembled")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<string> ImportAsync(string relative) =>
        (await _client.ImportAsync(Corpus.PathOf(relative))).GetProperty("id").GetString()!;

    private async Task<string> SaveAsync(HttpResponseMessage response, string name)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    private static List<string> Sorted(IEnumerable<string> values) => [.. values.Order(StringComparer.Ordinal)];

    private static List<string> Fields(string capture, string filter, params string[] fields) => Fields(capture, filter, fields, checkChecksums: false);

    private static List<string> Fields(string capture, string filter, string[] fields, bool checkChecksums)
    {
        string[] checks = checkChecksums ? ["-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE"] : [];
        return [.. Tools.Run("tshark", ["-r", capture, .. checks, "-Y", filter, "-T", "fields", "-E", "separator=|", .. fields.SelectMany(f => new[] { "-e", f })])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    /// <summary>
    /// The payload of every TCP stream as tshark follows it (<c>-z follow,tcp,raw</c>), per direction: "from > to"
    /// mapped to the hex of the bytes, for the streams that carried any.
    /// </summary>
    private static SortedDictionary<string, string> StreamBytes(string capture)
    {
        var streams = Fields(capture, "tcp", "tcp.stream").Distinct().ToList();
        var output = Tools.Run("tshark", ["-r", capture, "-q", .. streams.SelectMany(s => new[] { "-z", $"follow,tcp,raw,{s}" })]);
        var bytes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string? node0 = null, node1 = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("Node 0: ", StringComparison.Ordinal))
            {
                node0 = line[8..].Trim();
            }
            else if (line.StartsWith("Node 1: ", StringComparison.Ordinal))
            {
                node1 = line[8..].Trim();
            }
            else if (node0 is not null && node1 is not null && line.Trim().Length > 0 && !line.StartsWith('='))
            {
                var key = line.StartsWith('\t') ? $"{node1} > {node0}" : $"{node0} > {node1}";
                bytes[key] = bytes.GetValueOrDefault(key, string.Empty) + line.Trim();
            }
            else if (line.StartsWith('='))
            {
                node0 = node1 = null;
            }
        }

        return bytes;
    }
}
