using System.IO.Compression;
using System.Net;
using System.Text.Json;

namespace SnoopRecorder.Api.Tests;

public sealed class ExchangeFilterTests(ExchangeFilterTests.Captures captures) : IClassFixture<ExchangeFilterTests.Captures>
{
    private HttpClient Client => captures.Client;

    [Theory]
    [InlineData("*.example.com", 25)]
    [InlineData("*.EXAMPLE.com:80", 21)]
    [InlineData("*.bro.org", 2)]
    [InlineData("*.org", 31)]
    [InlineData("*.split.test", 1)]
    [InlineData("*.localhost", 0)]
    public async Task Host_WildcardMatchesEverySubdomainButNotTheDomain(string host, int expected)
    {
        var items = await ListAsync($"host={Uri.EscapeDataString(host)}");

        var suffix = host[1..].Split(':')[0];
        var port = host.Contains(':') ? int.Parse(host.Split(':')[1]) : (int?)null;
        Assert.Equal(
            Ids(e => Text(e, "host") is { } h && h.Split(':')[0].EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && (port is null || (h.Contains(':') ? int.Parse(h.Split(':')[1]) : e.GetProperty("server").GetProperty("port").GetInt32()) == port)),
            items);
        Assert.Equal(expected, items.Count);
    }

    [Theory]
    [InlineData("/rpc/rpcproxy.dll?MAIL.example.com:6001", 2)]
    [InlineData("/rpc/rpcproxy.dll?*", 2)]
    [InlineData("/rpc*", 3)]
    [InlineData("/path?q=v", 1)]
    [InlineData("/path", 0)]
    [InlineData("/certsrv/mscep/mscep.dll?operation=GetCACert*", 1)]
    [InlineData("/api/search?key1=value1&key2=*", 1)]
    public async Task Uri_MatchesTheWholeRequestTargetExactlyOrAsAPrefix(string uri, int expected)
    {
        var items = await ListAsync($"uri={Uri.EscapeDataString(uri)}");

        Assert.Equal(Ids(e => Text(e, "uri") is { } u && (uri.EndsWith('*') ? u.StartsWith(uri[..^1], StringComparison.Ordinal) : u == uri)), items);
        Assert.Equal(expected, items.Count);
    }

    [Fact]
    public void StoredPaths_AreTheirTargetUpToTheQuery()
    {
        // The uri filter finds rows through the path index on this invariant of the import (UriFilter.ImpliedPath).
        var originForm = captures.All.Where(e => Text(e, "uri")?.StartsWith('/') == true).ToList();

        Assert.NotEmpty(originForm);
        Assert.All(originForm, e => Assert.Equal(Text(e, "uri")!.Split('?')[0], Text(e, "path")));
    }

    [Theory]
    [InlineData("POST,RPC_IN_DATA", 10)]
    [InlineData("RPC_IN_DATA,RPC_OUT_DATA", 3)]
    [InlineData("RPC_OUT_DATA", 1)]
    [InlineData("post,PUT", 0)]
    public async Task Method_IsAnyOfACommaList(string methods, int expected)
    {
        var items = await ListAsync($"method={methods}");

        Assert.Equal(Ids(e => Text(e, "method") is { } m && methods.Split(',').Contains(m)), items);
        Assert.Equal(expected, items.Count);
    }

    [Theory]
    [InlineData("none", 193)]
    [InlineData("401,404,5xx", 3)]
    [InlineData("100-199,302", 2)]
    [InlineData("none,500", 194)]
    [InlineData("200-200", 1051)]
    public async Task Status_IsAnyOfCodesClassesRangesAndNone(string status, int expected)
    {
        var items = await ListAsync($"status={status}");

        Assert.Equal(expected, items.Count);
        Assert.Equal(Ids(e => StatusMatches(status, e.GetProperty("status"))), items);
    }

    [Fact]
    public async Task FromAndTo_BoundTheRequestTimeFromIncludedToExcluded()
    {
        var middle = captures.All[captures.All.Count / 2];
        var at = middle.GetProperty("startedAt").GetDateTime();
        var text = middle.GetProperty("startedAt").GetString()!;
        var inParis = new DateTimeOffset(at).ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-ddTHH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture);

        var from = await ListAsync($"from={Uri.EscapeDataString(text)}");
        var to = await ListAsync($"to={Uri.EscapeDataString(inParis)}");
        var fiveMillisecondsLater = at.AddMilliseconds(5).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture);
        var window = await ListAsync($"from={Uri.EscapeDataString(text)}&to={Uri.EscapeDataString(fiveMillisecondsLater)}");

        Assert.Contains(middle.GetProperty("id").GetInt64(), from);
        Assert.DoesNotContain(middle.GetProperty("id").GetInt64(), to);
        Assert.Equal(Ids(e => e.GetProperty("startedAt").GetDateTime() >= at), from);
        Assert.Equal(Ids(e => e.GetProperty("startedAt").GetDateTime() < at), to);
        Assert.Equal(Ids(e => e.GetProperty("startedAt").GetDateTime() >= at && e.GetProperty("startedAt").GetDateTime() < at.AddMilliseconds(5)), window);
        Assert.NotEmpty(window);
    }

    [Theory]
    [InlineData("1000", 5)]
    [InlineData("568.446", 6)]
    [InlineData("153.524", 10)]
    [InlineData("153.5241", 9)]
    [InlineData("0", 1249)]
    public async Task MinDurationMs_KeepsExchangesThatTookAtLeastThatLong(string milliseconds, int expected)
    {
        var items = await ListAsync($"minDurationMs={milliseconds}");

        var minimum = double.Parse(milliseconds, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Ids(e => e.GetProperty("durationMs").GetDouble() >= minimum), items);
        Assert.Equal(expected, items.Count);
    }

    [Theory]
    [InlineData("client=::1", 1192)]
    [InlineData("client=[::1]:44730", 1192)]
    [InlineData("client=[0:0::1]:44731", 0)]
    [InlineData("client=10.0.2.15", 31)]
    [InlineData("server=192.150.187.43:80", 31)]
    [InlineData("server=192.150.187.43:8080", 0)]
    [InlineData("server=[2001:DB8::2]:80", 1)]
    [InlineData("client=2001:db8::1&server=2001:db8::2", 1)]
    public async Task ClientAndServer_MatchAnAddressAndOptionallyItsPort(string filter, int expected)
    {
        var items = await ListAsync(filter.Replace("[", "%5B", StringComparison.Ordinal).Replace("]", "%5D", StringComparison.Ordinal));

        Assert.Equal(expected, items.Count);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("False")]
    public async Task Complete_SelectsCompleteOrIncompleteExchanges(string complete)
    {
        var items = await ListAsync($"complete={complete}");

        Assert.Equal(Ids(e => e.GetProperty("complete").GetBoolean() == bool.Parse(complete)), items);
        Assert.NotEmpty(items);
    }

    [Fact]
    public async Task OrderDesc_PagesNewestFirstThroughEveryExchangeOnce()
    {
        var items = await ListAsync("order=desc", limit: 97);

        Assert.Equal(captures.All.Select(e => e.GetProperty("id").GetInt64()).Reverse(), items);
    }

    [Theory]
    [InlineData("asc", "desc")]
    [InlineData("desc", "asc")]
    public async Task CursorOfOneOrder_UsedWithTheOther_Is400(string first, string second)
    {
        var page = await Client.GetJsonAsync($"/api/exchanges?order={first}&limit=5");
        var cursor = page.GetProperty("nextCursor").GetString()!;

        var response = await Client.GetAsync($"/api/exchanges?order={second}&limit=5&cursor={cursor}");

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'cursor'", detail, StringComparison.Ordinal);
        Assert.Contains($"order={first}", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryFilter_CombinesWithAnd()
    {
        var query = $"session={captures.Thousand}&host=LOCALHOST&path=/&uri=/&method=GET&status=none,2xx&from=2023-08-25T10:03:42.2Z"
            + "&to=2023-08-25T12:03:43%2B02:00&minDurationMs=0&client=::1&server=[::1]:80&complete=false&order=desc";

        var items = await ListAsync(query, limit: 50);

        var from = new DateTime(2023, 8, 25, 10, 3, 42, 200, DateTimeKind.Utc);
        var to = new DateTime(2023, 8, 25, 10, 3, 43, DateTimeKind.Utc);
        var expected = captures.All
            .Where(e => Text(e, "sessionId") == captures.Thousand && Text(e, "host") == "localhost" && Text(e, "uri") == "/"
                && Text(e, "method") == "GET" && !e.GetProperty("complete").GetBoolean()
                && e.GetProperty("startedAt").GetDateTime() >= from && e.GetProperty("startedAt").GetDateTime() < to
                && StatusMatches("none,2xx", e.GetProperty("status")))
            .Select(e => e.GetProperty("id").GetInt64())
            .Reverse();
        Assert.Equal(expected, items);
        Assert.NotEmpty(items);
    }

    [Theory]
    [InlineData("session=", "session")]
    [InlineData("host=*.", "host")]
    [InlineData("host=a.*.example.com", "host")]
    [InlineData("uri=", "uri")]
    [InlineData("method=GET,", "method")]
    [InlineData("method=GET%20POST", "method")]
    [InlineData("status=404,abc", "status")]
    [InlineData("status=499-400", "status")]
    [InlineData("status=nothing", "status")]
    [InlineData("from=2026-11-26T09:20:25", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01T00:00:00Z", "to")]
    [InlineData("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    [InlineData("from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    [InlineData("minDurationMs=-1", "minDurationMs")]
    [InlineData("minDurationMs=1e3", "minDurationMs")]
    [InlineData("minDurationMs=fast", "minDurationMs")]
    [InlineData("client=10.0.0", "client")]
    [InlineData("client=example.com", "client")]
    [InlineData("server=%5B::1%5D80", "server")]
    [InlineData("server=10.0.0.1:0", "server")]
    [InlineData("complete=yes", "complete")]
    [InlineData("order=newest", "order")]
    [InlineData("limit=1001", "limit")]
    [InlineData("cursor=AgAAAAAAAAAAAAAAAAAAAAA", "cursor")]
    public async Task InvalidValue_Is400ProblemNamingTheParameterAndWhatItAccepts(string query, string parameter)
    {
        var response = await Client.GetAsync($"/api/exchanges?{query}");

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains($"'{parameter}'", detail, StringComparison.Ordinal);
        Assert.Contains("accepts", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("' OR 1=1 --")]
    [InlineData("'; DROP TABLE exchanges; --")]
    [InlineData("\" OR \"\"=\"")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("*/ OR /*")]
    public async Task SqlMetacharacters_AreHarmlessInEveryTextFilter(string hostile)
    {
        var value = Uri.EscapeDataString(hostile);
        foreach (var parameter in new[] { "session", "host", "path", "uri", "method", "status", "from", "to", "minDurationMs", "client", "server", "complete", "order", "cursor" })
        {
            var response = await Client.GetAsync($"/api/exchanges?{parameter}={value}");
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{parameter}={hostile}: {(int)response.StatusCode} {body}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Empty((await response.JsonAsync()).Items());
            }
        }

        Assert.Equal(captures.All.Count, (await ListAsync(string.Empty)).Count);
    }

    [Fact]
    public async Task OpenApiDocument_ListsEveryFilterParameter()
    {
        var document = await Client.GetJsonAsync("/openapi/v1.json");

        var names = document.GetProperty("paths").GetProperty("/api/exchanges").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(
            ["session", "host", "path", "uri", "method", "status", "from", "to", "minDurationMs", "client", "server", "complete", "order", "limit", "cursor"],
            names);
    }

    private static string? Text(JsonElement exchange, string property) => exchange.GetProperty(property).GetString();

    private static bool StatusMatches(string filter, JsonElement status) => filter.Split(',').Any(item =>
        item == "none" ? status.ValueKind == JsonValueKind.Null
        : status.ValueKind == JsonValueKind.Number && item switch
        {
            [var c, 'x', 'x'] => status.GetInt32() / 100 == c - '0',
            _ when item.Contains('-') => status.GetInt32() >= int.Parse(item.Split('-')[0]) && status.GetInt32() <= int.Parse(item.Split('-')[1]),
            _ => status.GetInt32() == int.Parse(item),
        });

    private List<long> Ids(Func<JsonElement, bool> predicate) =>
        [.. captures.All.Where(predicate).Select(e => e.GetProperty("id").GetInt64())];

    /// <summary>Every page of the list with these parameters, as exchange ids.</summary>
    private async Task<List<long>> ListAsync(string query, int limit = 1000)
    {
        var ids = new List<long>();
        string? cursor = null;
        do
        {
            var url = $"/api/exchanges?{query}&limit={limit}" + (cursor is null ? string.Empty : $"&cursor={cursor}");
            var page = await Client.GetJsonAsync(url);
            ids.AddRange(page.Items().Select(e => e.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return ids;
    }

    /// <summary>
    /// One service with three real captures: bro.org (31 exchanges on two hosts), Arkime's synthetic mix (IPv6, VLAN,
    /// 401/404/500, unusual methods, gaps) and Zeek's 1,000 keep-alive requests over IPv6 with one response dropped.
    /// </summary>
    public sealed class Captures : IAsyncLifetime
    {
        public SnoopApiFactory Factory { get; } = new();
        public HttpClient Client { get; private set; } = null!;
        public string BroOrg { get; private set; } = null!;
        public string Synthetic { get; private set; } = null!;
        public string Thousand { get; private set; } = null!;

        /// <summary>Every exchange of the three sessions, in list order.</summary>
        public List<JsonElement> All { get; private set; } = [];

        public async Task InitializeAsync()
        {
            Client = Factory.CreateClient();
            BroOrg = await ImportAsync(Corpus.PathOf("zeek/traces/http/bro.org.pcap"));
            Synthetic = await ImportAsync(Corpus.PathOf("arkime/arkime_synthetic.pcap"));
            var gunzipped = Path.Combine(Factory.DataDirectory, "1000-requests.pcap");
            await using (var input = new GZipStream(File.OpenRead(Corpus.PathOf("zeek/traces/http/1000-requests-one-dropped-response.pcap.gz")), CompressionMode.Decompress))
            await using (var output = File.Create(gunzipped))
            {
                await input.CopyToAsync(output);
            }

            Thousand = await ImportAsync(gunzipped);
            string? cursor = null;
            do
            {
                var page = await Client.GetJsonAsync("/api/exchanges?limit=1000" + (cursor is null ? "" : $"&cursor={cursor}"));
                All.AddRange(page.Items());
                cursor = page.GetProperty("nextCursor").GetString();
            }
            while (cursor is not null);
        }

        public Task DisposeAsync()
        {
            Client.Dispose();
            Factory.Dispose();
            return Task.CompletedTask;
        }

        private async Task<string> ImportAsync(string path) =>
            (await Client.ImportAsync(path)).GetProperty("id").GetString()!;
    }
}
