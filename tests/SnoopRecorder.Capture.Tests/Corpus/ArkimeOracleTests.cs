using System.Security.Cryptography;
using System.Text.Json;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Http.Model;
using SnoopRecorder.Analysis;

namespace SnoopRecorder.Capture.Tests.Corpus;

/// <summary>
/// Arkime's own session JSON for its test captures is the oracle: the methods, status codes, paths, hosts and body
/// MD5s (de-chunked, not decompressed) it found must be exactly what SnoopRecorder finds.
/// </summary>
public sealed class ArkimeOracleTests
{
    /// <summary>Captures whose HTTP Arkime finds by means outside this issue's scope, each with the reason.</summary>
    private static readonly Dictionary<string, string> OutOfScope = new()
    {
        ["80211http"] = "802.11 radiotap link layer: counted and skipped (see UnsupportedLinkLayer test)",
        ["gre-erspan-vxlan"] = "HTTP inside GRE/ERSPAN/VXLAN tunnels: tunnel decapsulation is not supported",
        ["http2-nghttp2"] = "HTTP/2 after an h2c upgrade: Arkime reports the HTTP/2 requests, SnoopRecorder records the upgrade exchange",
        ["socks5-http-302-frag"] = "IP fragments are not reassembled",
        ["socks-http-example"] = "HTTP inside a SOCKS4 tunnel: the SOCKS handshake is not parsed",
        ["socks-http-pass"] = "HTTP inside a SOCKS4 tunnel: the SOCKS handshake is not parsed",
        ["socks5-http-302"] = "HTTP inside a SOCKS5 tunnel: the SOCKS handshake is not parsed",
        ["socks5-reverse"] = "HTTP inside a SOCKS5 tunnel: the SOCKS handshake is not parsed",
    };

    /// <summary>
    /// Where Arkime and the bytes disagree, the bytes win; each correction says what the capture holds.
    /// </summary>
    private static readonly Dictionary<string, Action<ArkimeExpectation>> Corrections = new()
    {
        // "GET / HTTP/1.0" arrives in three segments (15, 12 and 1 bytes); Arkime drops the path, the request line has it.
        ["http-empty-useragent"] = e => e.Paths.Add("/"),

        // RPC_IN_DATA/RPC_OUT_DATA (RPC over HTTP, to /rpc/rpcproxy.dll and /rpcwithcert/rpcproxy.dll) are valid method
        // tokens (RFC 9110 §9.1) that Arkime does not list; PRI is the HTTP/2 connection preface, not HTTP/1.x.
        ["arkime_synthetic"] = e =>
        {
            e.Methods.Remove("PRI");
            e.Methods.Add("RPC_IN_DATA");
            e.Methods.Add("RPC_OUT_DATA");
            e.Paths.Add("/rpc/rpcproxy.dll");
            e.Paths.Add("/rpcwithcert/rpcproxy.dll");
            e.Hosts.Add("mail.example.com");
        },
    };

    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var test in Directory.GetFiles(CorpusFiles.PathOf("arkime"), "*.test").Order())
        {
            var name = Path.GetFileNameWithoutExtension(test);
            if (!OutOfScope.ContainsKey(name))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Analysis_FindsWhatArkimeFinds(string name)
    {
        var expected = ArkimeExpectation.Load(CorpusFiles.PathOf($"arkime/{name}.test"));
        Corrections.GetValueOrDefault(name)?.Invoke(expected);
        var (result, sink) = CollectingSink.Analyze(CorpusFiles.PathOf($"arkime/{name}.pcap"));

        Assert.Null(result.Error);
        var actual = ArkimeExpectation.From(sink.Exchanges);
        AssertSame("methods", expected.Methods, actual.Methods);
        AssertSame("status codes", expected.Statuses, actual.Statuses);
        AssertSame("paths", expected.Paths, actual.Paths);
        AssertSame("hosts", expected.Hosts, actual.Hosts);
        AssertSame("body MD5s", expected.BodyMd5s, actual.BodyMd5s);
    }

    private static void AssertSame<T>(string what, SortedSet<T> expected, SortedSet<T> actual)
    {
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0, $"{what}: missing [{string.Join(", ", missing)}], extra [{string.Join(", ", extra)}]");
    }

    [Fact]
    public void UnsupportedLinkLayer_IsCountedAndSkippedWithoutError()
    {
        var (result, sink) = CollectingSink.Analyze(CorpusFiles.PathOf("arkime/80211http.pcap"));

        Assert.Null(result.Error);
        Assert.Equal(26, result.Packets);
        Assert.Equal(26, result.SkippedPackets);
        Assert.Empty(sink.Exchanges);
    }

    private sealed record ArkimeExpectation(
        SortedSet<string> Methods, SortedSet<int> Statuses, SortedSet<string> Paths, SortedSet<string> Hosts, SortedSet<string> BodyMd5s)
    {
        public static ArkimeExpectation Load(string testFile)
        {
            var result = Empty();
            using var json = JsonDocument.Parse(File.ReadAllText(testFile));
            foreach (var session in json.RootElement.GetProperty("sessions3").EnumerateArray())
            {
                // Arkime files the TLS SNI and QUIC host names of non-HTTP sessions under http.host too; those are not HTTP.
                if (!session.GetProperty("body").TryGetProperty("http", out var http)
                    || !(http.TryGetProperty("method", out _) || http.TryGetProperty("statuscode", out _)))
                {
                    continue;
                }

                AddAll(http, "method", e => result.Methods.Add(e.GetString()!));
                AddAll(http, "statuscode", e => result.Statuses.Add(e.GetInt32()));
                AddAll(http, "path", e => result.Paths.Add(e.GetString()!));
                AddAll(http, "host", e => result.Hosts.Add(WithoutPort(e.GetString()!)));
                AddAll(http, "md5", e => result.BodyMd5s.Add(e.GetString()!));
            }

            return result;
        }

        public static ArkimeExpectation From(IEnumerable<AnalyzedExchange> exchanges)
        {
            var result = Empty();
            foreach (var analyzed in exchanges)
            {
                var exchange = analyzed.Exchange;
                if (exchange.Request is { } request)
                {
                    result.Methods.Add(request.Method);
                    if (PathOf(request.Target) is { } path)
                    {
                        result.Paths.Add(path);
                    }

                    foreach (var host in request.Headers.Where(h => h.Name.Equals("Host", StringComparison.OrdinalIgnoreCase)))
                    {
                        result.Hosts.Add(WithoutPort(host.Value));
                    }
                }

                foreach (var interim in exchange.InterimResponses)
                {
                    result.Statuses.Add(interim.StatusCode);
                }

                if (exchange.Response is { } response)
                {
                    result.Statuses.Add(response.StatusCode);
                }

                // Arkime hashes only bodies it saw whole; a body cut by a gap or by the end of the capture has no MD5.
                const ExchangeIssues requestCut = ExchangeIssues.RequestGap | ExchangeIssues.RequestIncomplete;
                const ExchangeIssues responseCut = ExchangeIssues.ResponseGap | ExchangeIssues.ResponseIncomplete;
                foreach (var (body, cut) in new[] { (exchange.RequestBody, requestCut), (exchange.ResponseBody, responseCut) })
                {
                    if (body.Data.Length > 0 && (exchange.Issues & cut) == 0)
                    {
                        result.BodyMd5s.Add(Convert.ToHexStringLower(MD5.HashData(body.Data.Span)));
                    }
                }
            }

            return result;
        }

        private static ArkimeExpectation Empty() => new(new(StringComparer.Ordinal), [], new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal));

        private static void AddAll(JsonElement http, string property, Action<JsonElement> add)
        {
            if (http.TryGetProperty(property, out var values))
            {
                foreach (var value in values.EnumerateArray())
                {
                    add(value);
                }
            }
        }

        private static string? PathOf(string target)
        {
            if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                var slash = target.IndexOf('/', "http://".Length);
                target = slash < 0 ? "/" : target[slash..];
            }
            else if (!target.StartsWith('/'))
            {
                return null; // authority-form (CONNECT) and asterisk-form have no path
            }

            var query = target.IndexOf('?');
            return query < 0 ? target : target[..query];
        }

        private static string WithoutPort(string host)
        {
            var colon = host.LastIndexOf(':');
            return (colon > 0 && !host.EndsWith(']') ? host[..colon] : host).ToLowerInvariant();
        }
    }
}
