using System.Net;
using System.Text.Json;

namespace SnoopRecorder.Api.Tests;

/// <summary>
/// <c>GET /api/sessions/{id}/stats</c> on real captures (bro.org; Arkime's synthetic mix of statuses, methods and gaps;
/// Zeek's 1,000 requests of which 193 got no response), checked against the exchanges the list returns.
/// </summary>
public sealed class SessionStatsTests(ExchangeFilterTests.Captures corpus) : IClassFixture<ExchangeFilterTests.Captures>
{
    private static readonly string[] StatusClasses = ["1xx", "2xx", "3xx", "4xx", "5xx", "other", "none"];

    private HttpClient Client => corpus.Client;

    [Theory]
    [InlineData(nameof(ExchangeFilterTests.Captures.BroOrg))]
    [InlineData(nameof(ExchangeFilterTests.Captures.Synthetic))]
    [InlineData(nameof(ExchangeFilterTests.Captures.Thousand))]
    public async Task Stats_CountAndRankTheSessionAndEveryGroup_AsItsExchangesSay(string capture)
    {
        var session = SessionOf(capture);
        var stats = await Client.GetJsonAsync($"/api/sessions/{session}/stats?top=1000");

        var exchanges = corpus.All.Where(e => e.GetProperty("sessionId").GetString() == session).ToList();
        Assert.Equal(session, stats.GetProperty("sessionId").GetString());
        Assert.Equal("completed", stats.GetProperty("sessionStatus").GetString());
        AssertSummary(exchanges, stats.GetProperty("totals"));

        var expected = exchanges.GroupBy(e => (Host: Text(e, "host"), Method: Text(e, "method"), Path: Text(e, "path")))
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key.Host, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Method, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Path, StringComparer.Ordinal)
            .ToList();
        var groups = stats.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(expected.Select(g => g.Key), groups.Select(g => (Text(g, "host"), Text(g, "method"), Text(g, "path"))));
        foreach (var (group, json) in expected.Zip(groups))
        {
            AssertSummary([.. group], json);
        }

        Assert.Equal(0, stats.GetProperty("otherGroups").GetProperty("groups").GetInt64());
        Assert.Equal(0, stats.GetProperty("otherGroups").GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Stats_CountUnansweredRequestsAsNone_AndLeaveThemOutOfTheLatencies()
    {
        var stats = await Client.GetJsonAsync($"/api/sessions/{corpus.Thousand}/stats");

        var totals = stats.GetProperty("totals");
        Assert.Equal(193, totals.GetProperty("statuses").GetProperty("none").GetInt64());
        Assert.True(totals.GetProperty("count").GetInt64() > 193);
        Assert.NotEqual(JsonValueKind.Null, totals.GetProperty("latencyMs").GetProperty("p99").ValueKind);
    }

    [Fact]
    public async Task Top_KeepsTheLargestGroups_AndSaysWhatItLeftOut()
    {
        var all = await Client.GetJsonAsync($"/api/sessions/{corpus.Synthetic}/stats?top=1000");
        var top = await Client.GetJsonAsync($"/api/sessions/{corpus.Synthetic}/stats?top=2");

        var allGroups = all.GetProperty("groups").EnumerateArray().ToList();
        var topGroups = top.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(2, topGroups.Count);
        Assert.True(JsonElement.DeepEquals(all.GetProperty("totals"), top.GetProperty("totals")));
        Assert.All(topGroups.Zip(allGroups), pair => Assert.True(JsonElement.DeepEquals(pair.First, pair.Second)));
        var other = top.GetProperty("otherGroups");
        Assert.Equal(allGroups.Count - 2, other.GetProperty("groups").GetInt64());
        Assert.Equal(allGroups.Skip(2).Sum(g => g.GetProperty("count").GetInt64()), other.GetProperty("count").GetInt64());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("")]
    public async Task InvalidTop_Is400NamingIt(string top)
    {
        var response = await Client.GetAsync($"/api/sessions/{corpus.BroOrg}/stats?top={top}");

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'top'", detail, StringComparison.Ordinal);
        Assert.Contains("1 to 1000", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownSession_Is404()
    {
        var response = await Client.GetAsync("/api/sessions/nosuchsession/stats");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesStatsAndStream()
    {
        var document = await Client.GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/sessions/{id}/stats", "/api/exchanges/stream" })
        {
            var operation = paths.GetProperty(path).GetProperty("get");
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("operationId").GetString()));
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
            Assert.NotEmpty(operation.GetProperty("tags").EnumerateArray());
            Assert.True(operation.GetProperty("responses").TryGetProperty("400", out _));
        }

        Assert.True(paths.GetProperty("/api/exchanges/stream").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").TryGetProperty("text/event-stream", out _));
    }

    /// <summary>Count, status classes and nearest-rank latency percentiles of <paramref name="exchanges"/>, as the stats show them.</summary>
    private static void AssertSummary(List<JsonElement> exchanges, JsonElement summary)
    {
        Assert.Equal(exchanges.Count, summary.GetProperty("count").GetInt64());
        var statuses = summary.GetProperty("statuses");
        Assert.Equal(StatusClasses, statuses.EnumerateObject().Select(p => p.Name));
        foreach (var name in StatusClasses)
        {
            Assert.Equal(exchanges.Count(e => ClassOf(e) == name), statuses.GetProperty(name).GetInt64());
        }

        var durations = exchanges.Where(e => e.GetProperty("status").ValueKind != JsonValueKind.Null)
            .Select(e => e.GetProperty("durationMs").GetDouble())
            .Order()
            .ToList();
        var latency = summary.GetProperty("latencyMs");
        foreach (var (name, percent) in new[] { ("p50", 50), ("p95", 95), ("p99", 99) })
        {
            var value = latency.GetProperty(name);
            if (durations.Count == 0)
            {
                Assert.Equal(JsonValueKind.Null, value.ValueKind);
                continue;
            }

            // Nearest rank: the duration of rank ⌈p·n/100⌉ in ascending order.
            Assert.Equal(durations[(int)Math.Ceiling(percent * durations.Count / 100.0) - 1], value.GetDouble());
        }
    }

    private static string ClassOf(JsonElement exchange) => exchange.GetProperty("status") switch
    {
        { ValueKind: JsonValueKind.Null } => "none",
        var status when status.GetInt32() is >= 100 and <= 599 => $"{status.GetInt32() / 100}xx",
        _ => "other",
    };

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();

    private string SessionOf(string capture) => capture switch
    {
        nameof(ExchangeFilterTests.Captures.BroOrg) => corpus.BroOrg,
        nameof(ExchangeFilterTests.Captures.Synthetic) => corpus.Synthetic,
        _ => corpus.Thousand,
    };
}
