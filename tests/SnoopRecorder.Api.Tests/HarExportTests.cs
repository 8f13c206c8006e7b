using System.Net;
using System.Text;
using System.Text.Json;

namespace SnoopRecorder.Api.Tests;

/// <summary>
/// <c>GET /api/sessions/{id}/har</c> and <c>GET /api/exchanges/har</c> on real captures: every document is valid HAR
/// 1.2 (<see cref="HarValidator"/>), and its entries say what the exchange endpoints say.
/// </summary>
public sealed class HarExportTests(HarCorpusFixture corpus) : IClassFixture<HarCorpusFixture>
{
    private HttpClient Client => corpus.Client;

    public static TheoryData<string> Captures() =>
    [
        HarCorpusFixture.SimpleGet, HarCorpusFixture.GetGzip, HarCorpusFixture.PostUpload, HarCorpusFixture.GzipRequest,
        HarCorpusFixture.Image, HarCorpusFixture.BroOrg, HarCorpusFixture.Thousand,
    ];

    [Theory]
    [MemberData(nameof(Captures))]
    public async Task SessionHar_IsValidHar12_WithOneEntryPerExchangeInRequestOrder(string capture)
    {
        var session = corpus.SessionOf(capture);
        var response = await Client.GetAsync($"/api/sessions/{session}/har");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{session}.har", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var har = await response.JsonAsync();
        Assert.Empty(HarValidator.Validate(har));
        var log = har.GetProperty("log");
        Assert.Equal("SnoopRecorder", log.GetProperty("creator").GetProperty("name").GetString());
        var exchanges = await corpus.ExchangesOf(capture);
        Assert.NotEmpty(exchanges);
        Assert.Equal(Ids(exchanges), Ids(Entries(har)));
    }

    [Fact]
    public async Task SessionHar_EntriesCarryTheExchangesMethodUrlStatusHeadersAndTimes()
    {
        var har = await Client.GetJsonAsync($"/api/sessions/{corpus.SessionOf(HarCorpusFixture.BroOrg)}/har");

        var entries = Entries(har);
        Assert.True(entries.Count > 1);
        foreach (var entry in entries)
        {
            var exchange = await Client.GetJsonAsync($"/api/exchanges/{entry.GetProperty("_exchangeId").GetInt64()}");
            var request = entry.GetProperty("request");
            var response = entry.GetProperty("response");
            Assert.Equal(exchange.GetProperty("method").GetString(), request.GetProperty("method").GetString());
            Assert.Equal(
                $"http://{exchange.GetProperty("host").GetString()}{exchange.GetProperty("uri").GetString()}",
                request.GetProperty("url").GetString());
            Assert.Equal(exchange.GetProperty("httpVersion").GetString(), request.GetProperty("httpVersion").GetString());
            Assert.Equal(exchange.GetProperty("status").GetInt32(), response.GetProperty("status").GetInt32());
            Assert.Equal(exchange.GetProperty("reason").GetString(), response.GetProperty("statusText").GetString());
            Assert.Equal(Headers(exchange.GetProperty("requestHeaders")), Headers(request.GetProperty("headers")));
            Assert.Equal(Headers(exchange.GetProperty("responseHeaders")), Headers(response.GetProperty("headers")));
            Assert.Equal(exchange.GetProperty("responseBodySize").GetInt64(), response.GetProperty("bodySize").GetInt64());
            Assert.Equal(exchange.GetProperty("server").GetProperty("ip").GetString(), entry.GetProperty("serverIPAddress").GetString());
            Assert.Equal(exchange.GetProperty("connectionId").GetInt64().ToString(), entry.GetProperty("connection").GetString());
            Assert.Equal(exchange.GetProperty("durationMs").GetDouble(), entry.GetProperty("time").GetDouble(), 6);
            var started = exchange.GetProperty("startedAt").GetDateTimeOffset();
            var harStarted = DateTimeOffset.Parse(entry.GetProperty("startedDateTime").GetString()!);
            Assert.InRange((started - harStarted).TotalMilliseconds, 0, 1);
        }
    }

    [Fact]
    public async Task SessionHar_GzipResponse_HasTheDecodedTextTheBodyEndpointReturns()
    {
        var entry = Assert.Single(Entries(await Client.GetJsonAsync($"/api/sessions/{corpus.SessionOf(HarCorpusFixture.GetGzip)}/har")));
        var id = entry.GetProperty("_exchangeId").GetInt64();
        var decoded = await Client.GetByteArrayAsync($"/api/exchanges/{id}/response/body?decode=true");

        var content = entry.GetProperty("response").GetProperty("content");
        Assert.Equal(Encoding.UTF8.GetString(decoded), content.GetProperty("text").GetString());
        Assert.False(content.TryGetProperty("encoding", out _));
        Assert.Equal(decoded.Length, content.GetProperty("size").GetInt64());
        Assert.Equal(decoded.Length - 165, content.GetProperty("compression").GetInt64());
        Assert.Equal("application/json", content.GetProperty("mimeType").GetString());
        Assert.Equal(165, entry.GetProperty("response").GetProperty("bodySize").GetInt64());
    }

    [Fact]
    public async Task SessionHar_BinaryResponse_IsBase64OfTheBody()
    {
        var har = await Client.GetJsonAsync($"/api/sessions/{corpus.SessionOf(HarCorpusFixture.Image)}/har");

        var entry = Entries(har).First(e => e.GetProperty("response").GetProperty("content").GetProperty("mimeType").GetString()!.StartsWith("image/"));
        var content = entry.GetProperty("response").GetProperty("content");
        var body = await Client.GetByteArrayAsync($"/api/exchanges/{entry.GetProperty("_exchangeId").GetInt64()}/response/body?decode=true");
        Assert.Equal("base64", content.GetProperty("encoding").GetString());
        Assert.Equal(body, Convert.FromBase64String(content.GetProperty("text").GetString()!));
    }

    [Theory]
    [InlineData(HarCorpusFixture.PostUpload)]
    [InlineData(HarCorpusFixture.GzipRequest)]
    public async Task SessionHar_RequestBody_IsPostDataWithTheDecodedBody(string capture)
    {
        var har = await Client.GetJsonAsync($"/api/sessions/{corpus.SessionOf(capture)}/har");

        var posts = Entries(har).Where(e => e.GetProperty("request").TryGetProperty("postData", out _)).ToList();
        Assert.NotEmpty(posts);
        foreach (var entry in posts)
        {
            var id = entry.GetProperty("_exchangeId").GetInt64();
            var exchange = await Client.GetJsonAsync($"/api/exchanges/{id}");
            var body = await Client.GetByteArrayAsync($"/api/exchanges/{id}/request/body?decode=true");
            var request = entry.GetProperty("request");
            var postData = request.GetProperty("postData");
            Assert.Equal(exchange.GetProperty("requestBodySize").GetInt64(), request.GetProperty("bodySize").GetInt64());
            var text = postData.GetProperty("text").GetString()!;
            var shown = postData.TryGetProperty("_encoding", out var encoding)
                ? Convert.FromBase64String(text)
                : Encoding.UTF8.GetBytes(text);
            Assert.Equal(body, shown);
            if (encoding.ValueKind == JsonValueKind.String)
            {
                Assert.Equal("base64", encoding.GetString());
            }
        }
    }

    [Fact]
    public async Task SessionHar_UnknownSession_Is404()
    {
        var response = await Client.GetAsync("/api/sessions/nosuchsession/har");

        var detail = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("nosuchsession", detail);
    }

    [Fact]
    public async Task ExchangesHar_WithoutFilters_HoldsEveryExchangeAcrossPages()
    {
        var all = await corpus.AllPagesAsync("/api/exchanges");

        var response = await Client.GetAsync("/api/exchanges/har");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("exchanges.har", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var har = await response.JsonAsync();
        Assert.Empty(HarValidator.Validate(har));
        Assert.True(all.Count > 1000, $"{all.Count} exchanges: not more than one page");
        Assert.Equal(Ids(all), Ids(Entries(har)));

        // Connection numbers repeat across sessions: each names its session too.
        var first = Entries(har)[0];
        Assert.Equal($"{all[0].GetProperty("sessionId").GetString()}/{all[0].GetProperty("connectionId").GetInt64()}", first.GetProperty("connection").GetString());
    }

    [Fact]
    public async Task ExchangesHar_WithFilters_HoldsOnlyTheMatchingExchanges()
    {
        var filters = $"session={corpus.SessionOf(HarCorpusFixture.BroOrg)}&status=2xx&path=/*";
        var expected = await corpus.AllPagesAsync($"/api/exchanges?{filters}");

        var har = await Client.GetJsonAsync($"/api/exchanges/har?{filters}");

        Assert.Empty(HarValidator.Validate(har));
        Assert.NotEmpty(expected);
        Assert.Equal(Ids(expected), Ids(Entries(har)));
        Assert.All(Entries(har), e => Assert.InRange(e.GetProperty("response").GetProperty("status").GetInt32(), 200, 299));

        var posts = Entries(await Client.GetJsonAsync("/api/exchanges/har?method=POST"));
        Assert.NotEmpty(posts);
        Assert.All(posts, e => Assert.Equal("POST", e.GetProperty("request").GetProperty("method").GetString()));
    }

    [Fact]
    public async Task ExchangesHar_LimitOrderAndCursor_SelectEntriesAsTheListDoes()
    {
        var session = corpus.SessionOf(HarCorpusFixture.BroOrg);
        var newest = (await Client.GetJsonAsync($"/api/exchanges?session={session}&order=desc&limit=3")).Items();
        var firstPage = await Client.GetJsonAsync($"/api/exchanges?session={session}&limit=2");
        var rest = (await Client.GetJsonAsync($"/api/exchanges?session={session}&limit=1000&cursor={firstPage.GetProperty("nextCursor").GetString()}")).Items();

        Assert.Equal(Ids(newest), Ids(Entries(await Client.GetJsonAsync($"/api/exchanges/har?session={session}&order=desc&limit=3"))));
        Assert.Equal(Ids(rest), Ids(Entries(await Client.GetJsonAsync(
            $"/api/exchanges/har?session={session}&cursor={firstPage.GetProperty("nextCursor").GetString()}"))));
    }

    [Theory]
    [InlineData("status=abc", "status")]
    [InlineData("host=", "host")]
    [InlineData("limit=0", "limit")]
    [InlineData("from=yesterday", "from")]
    public async Task ExchangesHar_InvalidFilter_Is400NamingTheParameter(string query, string parameter)
    {
        var response = await Client.GetAsync($"/api/exchanges/har?{query}");

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains($"'{parameter}'", detail);
    }

    [Fact]
    public async Task ExchangesHar_IsNotTakenForAnExchangeId()
    {
        var har = await Client.GetJsonAsync("/api/exchanges/har?limit=1");

        Assert.Single(Entries(har));
        await (await Client.GetAsync("/api/exchanges/harx")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static List<JsonElement> Entries(JsonElement har) => [.. har.GetProperty("log").GetProperty("entries").EnumerateArray()];

    private static List<long> Ids(IEnumerable<JsonElement> items) =>
        [.. items.Select(i => (i.TryGetProperty("_exchangeId", out var id) ? id : i.GetProperty("id")).GetInt64())];

    private static List<(string, string)> Headers(JsonElement list) =>
        [.. list.EnumerateArray().Select(h => (h.GetProperty("name").GetString()!, h.GetProperty("value").GetString()!))];
}
