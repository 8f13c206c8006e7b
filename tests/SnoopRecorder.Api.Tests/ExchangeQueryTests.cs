using System.Net;
using System.Text.Json;

namespace SnoopRecorder.Api.Tests;

public sealed class ExchangeQueryTests(ImportedCorpusFixture corpus) : IClassFixture<ImportedCorpusFixture>
{
    private HttpClient Client => corpus.Client;

    [Fact]
    public void UnfilteredList_HoldsEveryExchangeOrderedByRequestTimeThenId()
    {
        Assert.Equal(31 + 3 + 1 + 1, corpus.All.Count);
        var keys = corpus.All.Select(e => (e.GetProperty("startedAt").GetDateTime(), e.GetProperty("id").GetInt64())).ToList();
        Assert.Equal(keys.Order(), keys);
    }

    [Fact]
    public async Task SessionFilter_ReturnsThatSessionsExchangesOnly()
    {
        var items = (await Client.GetJsonAsync($"/api/exchanges?session={corpus.PostUpload}")).Items();

        Assert.Equal(3, items.Count);
        Assert.All(items, e => Assert.Equal(corpus.PostUpload, e.GetProperty("sessionId").GetString()));
    }

    [Fact]
    public async Task UnknownSessionFilter_IsAnEmptyList()
    {
        var page = await Client.GetJsonAsync("/api/exchanges?session=doesnotexist");

        Assert.Empty(page.Items());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [InlineData("bro.org", 29)]
    [InlineData("BRO.ORG", 29)]
    [InlineData("bro.org:80", 29)]
    [InlineData("bro.org:8080", 0)]
    [InlineData("www.bro.org", 2)]
    [InlineData("192.168.57.14:8080", 3)]
    [InlineData("bro", 0)]
    public async Task HostFilter_IsCaseInsensitiveAndMatchesWithOrWithoutPort(string host, int expected)
    {
        var items = (await Client.GetJsonAsync($"/api/exchanges?host={Uri.EscapeDataString(host)}&limit=1000")).Items();

        Assert.Equal(expected, items.Count);
        var name = host.Split(':')[0];
        Assert.All(items, e => Assert.StartsWith(name, e.GetProperty("host").GetString()!, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("/js/*")]
    [InlineData("/images/*")]
    [InlineData("/fileupload/*")]
    [InlineData("/favicon.ico")]
    [InlineData("/")]
    [InlineData("/js")]
    public async Task PathFilter_IsExactOrAPrefixWhenEndingInStar(string path)
    {
        var items = (await Client.GetJsonAsync($"/api/exchanges?path={Uri.EscapeDataString(path)}&limit=1000")).Items();

        var expected = corpus.All.Where(e => path.EndsWith('*')
                ? e.GetProperty("path").GetString()?.StartsWith(path[..^1], StringComparison.Ordinal) == true
                : e.GetProperty("path").GetString() == path)
            .Select(e => e.GetProperty("id").GetInt64())
            .ToList();
        Assert.Equal(expected, items.Select(e => e.GetProperty("id").GetInt64()));
        if (path is "/js/*" or "/favicon.ico")
        {
            Assert.NotEmpty(items);
        }
    }

    [Theory]
    [InlineData("5xx", 1)]
    [InlineData("500", 1)]
    [InlineData("403", 1)]
    [InlineData("4xx", 1)]
    [InlineData("2xx", 34)]
    [InlineData("301", 0)]
    public async Task StatusFilter_IsACodeOrAClass(string status, int expected)
    {
        var items = (await Client.GetJsonAsync($"/api/exchanges?status={status}&limit=1000")).Items();

        Assert.Equal(expected, items.Count);
        Assert.All(items, e => Assert.StartsWith(status[..1], e.GetProperty("status").GetInt32().ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task MethodFilter_IsExact()
    {
        var head = (await Client.GetJsonAsync("/api/exchanges?method=HEAD")).Items();
        var post = (await Client.GetJsonAsync("/api/exchanges?method=POST")).Items();

        var single = Assert.Single(head);
        Assert.Equal(corpus.Head500, single.GetProperty("sessionId").GetString());
        Assert.Equal("/UpdataConfig.dat", single.GetProperty("path").GetString());
        Assert.Equal("samples.example.com", single.GetProperty("host").GetString());
        Assert.Equal(500, single.GetProperty("status").GetInt32());
        Assert.Single(post);
        Assert.Empty((await Client.GetJsonAsync("/api/exchanges?method=head")).Items());
    }

    [Fact]
    public async Task Paging_WalksEveryExchangeOnceInOrder()
    {
        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = "/api/exchanges?limit=7" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await Client.GetJsonAsync(url);
            var items = page.Items();
            Assert.InRange(items.Count, 1, 7);
            seen.AddRange(items.Select(e => e.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(corpus.All.Select(e => e.GetProperty("id").GetInt64()), seen);
        Assert.Equal((corpus.All.Count + 6) / 7, pages);
    }

    [Fact]
    public async Task DefaultLimit_Is100()
    {
        var page = await Client.GetJsonAsync("/api/exchanges");

        Assert.Equal(Math.Min(100, corpus.All.Count), page.Items().Count);
    }

    [Fact]
    public async Task FiltersCombine()
    {
        var items = (await Client.GetJsonAsync($"/api/exchanges?session={corpus.BroOrg}&host=www.bro.org&path=/favicon.ico&status=2xx&method=GET")).Items();

        var single = Assert.Single(items);
        Assert.Equal("www.bro.org", single.GetProperty("host").GetString());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=5000", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("status=abc", "status")]
    [InlineData("status=6xx", "status")]
    [InlineData("cursor=not-a-cursor!", "cursor")]
    [InlineData("cursor=AAAA", "cursor")]
    [InlineData("host=example.com:http", "host")]
    [InlineData("path=", "path")]
    [InlineData("method=GE%20T", "method")]
    public async Task InvalidParameter_Is400ProblemNamingIt(string query, string parameter)
    {
        var response = await Client.GetAsync($"/api/exchanges?{query}");

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains($"'{parameter}'", detail, StringComparison.Ordinal);
        Assert.Contains("accepts", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SingleExchange_HasHeadersInWireOrderAndEndpoints()
    {
        var post = Assert.Single((await Client.GetJsonAsync($"/api/exchanges?method=POST")).Items());

        var detail = await Client.GetJsonAsync($"/api/exchanges/{post.GetProperty("id").GetInt64()}");

        Assert.Equal(post.GetProperty("startedAt").GetString(), detail.GetProperty("startedAt").GetString());
        var requestHeaders = detail.GetProperty("requestHeaders").EnumerateArray().ToList();
        Assert.Equal(12, requestHeaders.Count);
        Assert.All(requestHeaders, h => Assert.False(string.IsNullOrEmpty(h.GetProperty("name").GetString())));
        Assert.Contains(requestHeaders, h => h.GetProperty("name").GetString()!.Equals("content-type", StringComparison.OrdinalIgnoreCase)
            && h.GetProperty("value").GetString()!.StartsWith("multipart/form-data", StringComparison.Ordinal));
        Assert.True(detail.GetProperty("requestBodySize").GetInt64() > 0);
        Assert.Equal("192.168.57.14", detail.GetProperty("server").GetProperty("ip").GetString());
        Assert.Equal(8080, detail.GetProperty("server").GetProperty("port").GetInt32());
        Assert.True(detail.GetProperty("client").GetProperty("port").GetInt32() > 0);
        Assert.True(detail.GetProperty("responseHeaders").GetArrayLength() > 0);
    }

    [Theory]
    [InlineData("/api/exchanges/999999")]
    [InlineData("/api/exchanges/abc")]
    [InlineData("/api/sessions/nosuchsession")]
    public async Task UnknownId_Is404Problem(string url)
    {
        var response = await Client.GetAsync(url);

        var detail = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains(url[(url.LastIndexOf('/') + 1)..], detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionsList_HoldsTheImportsNewestFirst()
    {
        var items = (await Client.GetJsonAsync("/api/sessions")).Items();

        Assert.Equal(4, items.Count);
        var created = items.Select(s => s.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(created.OrderDescending(), created);
        Assert.All(items, s => Assert.Equal("completed", s.GetProperty("status").GetString()));
        var bro = items.Single(s => s.GetProperty("id").GetString() == corpus.BroOrg);
        Assert.Equal(751, bro.GetProperty("packets").GetInt64());
        Assert.Equal(31, bro.GetProperty("exchanges").GetInt64());
    }
}
