using System.Net;
using System.Text.Json;
using SnoopRecorder.Api.Tests.Recording;

namespace SnoopRecorder.Api.Tests;

/// <summary>
/// <c>GET /api/exchanges/{id}/pcap</c> and <c>GET /api/exchanges/pcap?…</c> on real captures, checked with tshark
/// against the original files: the packets of exactly the exchanges' TCP streams, in time order.
/// </summary>
public sealed class ExchangeCaptureTests : IDisposable
{
    private const string Synthetic = "arkime/arkime_synthetic.pcap";
    private const string Ntlm = "arkime/ntlm_synthetic.pcap";

    // Per TCP packet: stream, endpoints, raw sequence numbers, flags and lengths; the stream number comes first.
    private static readonly string[] PacketFields =
    [
        "tcp.stream", "ip.src", "ipv6.src", "tcp.srcport", "ip.dst", "ipv6.dst", "tcp.dstport",
        "tcp.seq_raw", "tcp.ack_raw", "tcp.flags", "tcp.len", "frame.len",
    ];

    private readonly SnoopApiFactory _factory = new();
    private readonly HttpClient _client;
    private readonly string _folder = Directory.CreateTempSubdirectory("snoop-exchange-pcap-").FullName;

    public ExchangeCaptureTests() => _client = _factory.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ExchangePcap_HoldsExactlyItsTcpStream_HandshakeCloseAndRequests()
    {
        var session = await ImportAsync(Synthetic);
        var original = Packets(Corpus.PathOf(Synthetic));
        var originalRequests = RequestUrisByStream(Corpus.PathOf(Synthetic));
        var exchanges = (await _client.GetJsonAsync($"/api/exchanges?session={session}&limit=1000")).Items();
        var firstOfEachConnection = exchanges.GroupBy(e => e.GetProperty("connectionId").GetInt64()).Select(g => g.First()).ToList();
        Assert.True(firstOfEachConnection.Count >= 10, $"only {firstOfEachConnection.Count} connections with exchanges");

        // Every fourth connection, IPv4 and IPv6, keeps the tshark runs few.
        foreach (var exchange in firstOfEachConnection.Where((_, i) => i % 4 == 0))
        {
            var id = exchange.GetProperty("id").GetInt64();
            var response = await _client.GetAsync($"/api/exchanges/{id}/pcap");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.tcpdump.pcap", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal($"attachment; filename=\"exchange-{id}.pcap\"", response.Content.Headers.ContentDisposition?.ToString());
            var path = await SaveAsync(response, $"exchange-{id}.pcap");

            var cut = Packets(path);
            Assert.Single(cut.Keys);
            var stream = MatchingStream(original, cut.Values.Single(), exchange);
            var packets = original[stream];
            Assert.Equal(packets.Any(IsSyn), cut.Values.Single().Any(IsSyn));
            Assert.Equal(packets.Any(IsFinOrRst), cut.Values.Single().Any(IsFinOrRst));
            Assert.Equal(originalRequests.GetValueOrDefault(stream, []), Tools.TsharkRequestUris(path));
            Assert.Contains(exchange.GetProperty("uri").GetString(), Tools.TsharkRequestUris(path));
        }
    }

    [Fact]
    public async Task FilteredPcap_IsTheUnionOfTheMatchingConnectionsAcrossSessions_InTimeOrder()
    {
        var synthetic = await ImportAsync(Synthetic);
        var ntlm = await ImportAsync(Ntlm);
        var matching = (await _client.GetJsonAsync("/api/exchanges?status=401&limit=1000")).Items();
        Assert.Contains(matching, e => e.GetProperty("sessionId").GetString() == synthetic);
        Assert.Contains(matching, e => e.GetProperty("sessionId").GetString() == ntlm);

        var response = await _client.GetAsync("/api/exchanges/pcap?status=401");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.tcpdump.pcap", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=\"exchanges.pcap\"", response.Content.Headers.ContentDisposition?.ToString());
        var path = await SaveAsync(response, "exchanges.pcap");

        // Each matching exchange's stream in its original file, whole, and nothing else.
        var expected = new List<string>();
        foreach (var bySession in matching.GroupBy(e => e.GetProperty("sessionId").GetString()))
        {
            var file = Corpus.PathOf(bySession.Key == synthetic ? Synthetic : Ntlm);
            var original = Packets(file);
            var streams = bySession.Select(e => MatchingStreamByEndpoints(original, e)).Distinct();
            expected.AddRange(streams.SelectMany(s => original[s]));
        }

        var merged = Packets(path).Values.SelectMany(p => p).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), merged.Order(StringComparer.Ordinal));
        var times = Tools.Run("tshark", "-r", path, "-T", "fields", "-e", "frame.time_epoch")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => decimal.Parse(t, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task FilteredPcap_MatchingNothing_IsAnEmptyCapture()
    {
        await ImportAsync("arkime/http-simple-get.pcap");

        var response = await _client.GetAsync("/api/exchanges/pcap?host=nothing.example");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(24, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task FilteredPcap_OverSessionsOfDifferentLinkTypes_IsRefusedWith422()
    {
        await ImportAsync("arkime/http-simple-get.pcap");
        await ImportAsync("arkime/http-empty-useragent.pcap");

        var detail = await (await _client.GetAsync("/api/exchanges/pcap")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("link types", detail);
    }

    [Fact]
    public async Task UnknownExchange_Is404()
    {
        await (await _client.GetAsync("/api/exchanges/999999/pcap")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/api/exchanges/abc/pcap")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task InvalidFilter_Is400NamingTheParameter()
    {
        var detail = await (await _client.GetAsync("/api/exchanges/pcap?status=abc")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("'status'", detail);
    }

    private async Task<string> ImportAsync(string relative) =>
        (await _client.ImportAsync(Corpus.PathOf(relative))).GetProperty("id").GetString()!;

    private async Task<string> SaveAsync(HttpResponseMessage response, string name)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    /// <summary>tshark's TCP packets of a capture by stream number, each as its fields without the stream.</summary>
    private static Dictionary<string, List<string>> Packets(string capture) =>
        Tools.Run("tshark", ["-r", capture, "-Y", "tcp", "-T", "fields", .. PacketFields.SelectMany(f => new[] { "-e", f })])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', 2))
            .GroupBy(fields => fields[0], fields => fields[1])
            .ToDictionary(g => g.Key, g => g.ToList());

    private static Dictionary<string, string[]> RequestUrisByStream(string capture) =>
        Tools.Run("tshark", "-r", capture, "-Y", "http.request", "-T", "fields", "-e", "tcp.stream", "-e", "http.request.uri")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .GroupBy(fields => fields[0], fields => fields[1])
            .ToDictionary(g => g.Key, g => g.ToArray());

    /// <summary>The original stream of the exchange's endpoints whose packets are exactly <paramref name="cut"/>.</summary>
    private static string MatchingStream(Dictionary<string, List<string>> original, List<string> cut, JsonElement exchange)
    {
        var candidates = original.Where(s => HasEndpoints(s.Value[0], exchange)).ToList();
        Assert.True(candidates.Count > 0, $"no stream of the original has the endpoints of {exchange}");
        var match = candidates.FirstOrDefault(s => s.Value.SequenceEqual(cut));
        Assert.True(match.Key is not null,
            $"exchange {exchange.GetProperty("id")}: {cut.Count} packets, not those of stream(s) "
            + string.Join(", ", candidates.Select(c => $"{c.Key} ({c.Value.Count} packets)"))
            + $"\ncut:\n{string.Join('\n', cut)}\noriginal:\n{string.Join('\n', candidates[0].Value)}");
        return match.Key;
    }

    private static string MatchingStreamByEndpoints(Dictionary<string, List<string>> original, JsonElement exchange) =>
        original.Single(s => HasEndpoints(s.Value[0], exchange)).Key;

    private static bool HasEndpoints(string packet, JsonElement exchange)
    {
        var f = packet.Split('\t');
        var source = $"{f[0]}{f[1]}:{f[2]}";
        var destination = $"{f[3]}{f[4]}:{f[5]}";
        var client = Endpoint(exchange.GetProperty("client"));
        var server = Endpoint(exchange.GetProperty("server"));
        return (source == client && destination == server) || (source == server && destination == client);
    }

    private static string Endpoint(JsonElement endpoint) => $"{endpoint.GetProperty("ip").GetString()}:{endpoint.GetProperty("port").GetInt32()}";

    private static bool IsSyn(string packet) => (Flags(packet) & 0x02) != 0;

    private static bool IsFinOrRst(string packet) => (Flags(packet) & 0x05) != 0;

    private static int Flags(string packet) => Convert.ToInt32(packet.Split('\t')[8], 16);
}
