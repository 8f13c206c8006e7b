using Dapper;
using SnoopRecorder.Storage.Exchanges;
using static SnoopRecorder.Storage.Tests.ExchangeRows;

namespace SnoopRecorder.Storage.Tests;

public sealed class ExchangeFilterQueryTests
{
    [Theory]
    [InlineData("*.example.com", new long[] { 2, 3, 4 })]
    [InlineData("*.EXAMPLE.com", new long[] { 2, 3, 4 })]
    [InlineData("*.example.com:8080", new long[] { 4 })]
    [InlineData("*.b.example.com", new long[] { 3 })]
    [InlineData("*.org", new long[] { 6 })]
    [InlineData("*.nowhere.test", new long[0])]
    public void Host_WildcardMatchesSubdomainsOnly(string host, long[] expectedStarts)
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write(
            "s",
            Row(1, host: "example.com"),
            Row(2, host: "sub.example.com"),
            Row(3, host: "a.b.example.com"),
            Row(4, host: "WWW.Example.com:8080"),
            Row(5, host: "badexample.com"),
            Row(6, host: "example.com.evil.org"),
            Row(7, host: null));

        Assert.Equal(expectedStarts, Starts(db, new ExchangeQuery { Host = Host(host) }));
    }

    [Fact]
    public void Host_WildcardMatchingMoreNamesThanAreListed_IsStillExact()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        var rows = Enumerable.Range(0, ExchangeRepository.MaxWildcardHostNames + 5)
            .Select(i => Row(i, host: $"h{i}.many.test"))
            .Append(Row(1_000, host: "many.test"))
            .Append(Row(1_001, host: "other.test"));
        db.Write("s", [.. rows]);

        var page = db.Exchanges.Query(new ExchangeQuery { Host = Host("*.many.test"), Limit = 1_000 });

        Assert.Equal(ExchangeRepository.MaxWildcardHostNames + 5, page.Items.Count);
        Assert.All(page.Items, e => Assert.EndsWith(".many.test", e.HostName, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/search?q=a", new long[] { 1 })]
    [InlineData("/search?q=*", new long[] { 1, 2 })]
    [InlineData("/search?*", new long[] { 1, 2, 6 })]
    [InlineData("/search*", new long[] { 1, 2, 3, 4, 6 })]
    [InlineData("/search", new long[] { 3 })]
    [InlineData("/SEARCH*", new long[0])]
    [InlineData("http://proxy.example/*", new long[] { 5 })]
    [InlineData("*", new long[] { 1, 2, 3, 4, 5, 6, 7, 8 })]
    [InlineData("/100%_x?a=%*", new long[] { 8 })]
    [InlineData("/100%_x?a=_*", new long[0])]
    public void Uri_IsTheWholeTargetExactOrAPrefix(string uri, long[] expectedStarts)
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write(
            "s",
            Row(1, uri: "/search?q=a"),
            Row(2, uri: "/search?q=b"),
            Row(3, uri: "/search"),
            Row(4, uri: "/search/x"),
            Row(5, uri: "http://proxy.example/search?q=a"),
            Row(6, uri: "/search?"),
            Row(7, uri: "*"),
            Row(8, uri: "/100%_x?a=%25"),
            Row(9, uri: null));
        Assert.True(UriFilter.TryParse(uri, out var filter));

        Assert.Equal(expectedStarts, Starts(db, new ExchangeQuery { Uri = filter }));
    }

    [Theory]
    [InlineData("GET,POST", new long[] { 1, 2 })]
    [InlineData("POST,DELETE", new long[] { 2, 4 })]
    [InlineData("get", new long[] { 5 })]
    [InlineData("PATCH,OPTIONS", new long[0])]
    public void Method_IsAnyOfTheListExactly(string methods, long[] expectedStarts)
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write("s", Row(1, method: "GET"), Row(2, method: "POST"), Row(3, method: "PUT"), Row(4, method: "DELETE"), Row(5, method: "get"));
        Assert.True(MethodFilter.TryParse(methods, out var filter));

        Assert.Equal(expectedStarts, Starts(db, new ExchangeQuery { Method = filter }));
    }

    [Theory]
    [InlineData("none", new long[] { 8 })]
    [InlineData("404,5xx,300-302,none", new long[] { 2, 3, 5, 6, 7, 8 })]
    [InlineData("300-302", new long[] { 2, 3 })]
    [InlineData("200-299,none", new long[] { 1, 8 })]
    [InlineData("303,303", new long[] { 4 })]
    [InlineData("1xx", new long[0])]
    public void Status_IsAnyOfCodesClassesRangesOrNone(string status, long[] expectedStarts)
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write(
            "s",
            Row(1, status: 200),
            Row(2, status: 301),
            Row(3, status: 302),
            Row(4, status: 303),
            Row(5, status: 404),
            Row(6, status: 500),
            Row(7, status: 599),
            Row(8, status: null));
        Assert.True(StatusFilter.TryParse(status, out var filter));

        Assert.Equal(expectedStarts, Starts(db, new ExchangeQuery { Status = filter }));
    }

    [Theory]
    [InlineData(20L, 40L, new long[] { 20, 30 })]
    [InlineData(21L, 40L, new long[] { 30 })]
    [InlineData(20L, null, new long[] { 20, 30, 40 })]
    [InlineData(null, 20L, new long[] { 10 })]
    [InlineData(30L, 31L, new long[] { 30 })]
    [InlineData(30L, 30L, new long[0])]
    public void Time_FromIsIncludedAndToExcluded(long? from, long? to, long[] expectedStarts)
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write("s", Row(10), Row(20), Row(30), Row(40));

        Assert.Equal(expectedStarts, Starts(db, new ExchangeQuery { Time = new TimeRange(from, to) }));
    }

    [Theory]
    [InlineData("0", new long[] { 1, 2, 3, 4, 5 })]
    [InlineData("1", new long[] { 2, 3, 4, 5 })]
    [InlineData("999.999999", new long[] { 3, 4, 5 })]
    [InlineData("1000", new long[] { 4, 5 })]
    [InlineData("1000.000001", new long[] { 5 })]
    [InlineData("60000", new long[0])]
    public void MinDuration_KeepsExchangesThatTookAtLeastThatLong(string milliseconds, long[] expectedStarts)
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write(
            "s",
            Row(1, durationNs: 500_000),
            Row(2, durationNs: 1_000_000),
            Row(3, durationNs: 999_999_999),
            Row(4, durationNs: 1_000_000_000),
            Row(5, durationNs: 2_500_000_000));
        Assert.True(DurationFilter.TryParseMilliseconds(milliseconds, out var filter));

        Assert.Equal(expectedStarts, Starts(db, new ExchangeQuery { MinDuration = filter }));
    }

    [Theory]
    [InlineData("10.0.0.1", null, new long[] { 1, 2 })]
    [InlineData("10.0.0.1:40001", null, new long[] { 2 })]
    [InlineData("2001:db8::1", null, new long[] { 3 })]
    [InlineData("[2001:db8::1]:40000", null, new long[] { 3 })]
    [InlineData("[2001:db8::1]:40001", null, new long[0])]
    [InlineData(null, "10.0.0.2", new long[] { 1, 2 })]
    [InlineData(null, "10.0.0.2:8080", new long[] { 2 })]
    [InlineData(null, "2001:db8::2:80", new long[0])]
    [InlineData(null, "[2001:db8::2]:80", new long[] { 3 })]
    [InlineData("10.0.0.1", "10.0.0.2:80", new long[] { 1 })]
    public void ClientAndServer_MatchTheAddressAndThePortWhenGiven(string? client, string? server, long[] expectedStarts)
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write(
            "s",
            Row(1, clientIp: "10.0.0.1", clientPort: 40000, serverIp: "10.0.0.2", serverPort: 80),
            Row(2, clientIp: "10.0.0.1", clientPort: 40001, serverIp: "10.0.0.2", serverPort: 8080),
            Row(3, clientIp: "2001:db8::1", clientPort: 40000, serverIp: "2001:db8::2", serverPort: 80));
        EndpointFilter? clientFilter = null;
        EndpointFilter? serverFilter = null;
        Assert.True(client is null || EndpointFilter.TryParse(client, out clientFilter));
        Assert.True(server is null || EndpointFilter.TryParse(server, out serverFilter));

        Assert.Equal(expectedStarts, Starts(db, new ExchangeQuery { Client = clientFilter, Server = serverFilter }));
    }

    [Fact]
    public void Complete_SelectsCompleteOrIncompleteExchanges()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write("s", Row(1), Row(2, status: null), Row(3, complete: false), Row(4));

        Assert.Equal([1L, 4], Starts(db, new ExchangeQuery { Complete = true }));
        Assert.Equal([2L, 3], Starts(db, new ExchangeQuery { Complete = false }));
    }

    [Fact]
    public void EveryFilter_CombinesWithAnd()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.CreateSession("t");
        var match = Row(50, host: "api.example.com:8080", uri: "/v1/items?page=2", status: 503, method: "POST",
            durationNs: 2_000_000_000, clientIp: "10.0.0.7", clientPort: 41000, serverIp: "10.0.0.9", serverPort: 8080,
            complete: false);
        var row = match.Exchange;
        ExchangeWrite Differing(ExchangeRecord changed) => match with { Exchange = changed };
        db.Write(
            "s",
            match,
            Differing(row with { StartedNs = 10, EndedNs = 10 + 2_000_000_000 }),
            Differing(row with { HostName = "example.com" }),
            Differing(row with { HostPort = 80 }),
            Differing(row with { Uri = "/v1/items?page=3", Query = "page=3" }),
            Differing(row with { Method = "GET" }),
            Differing(row with { Status = 200 }),
            Differing(row with { EndedNs = 50 + 10_000_000 }),
            Differing(row with { ClientPort = 41001 }),
            Differing(row with { ServerIp = "10.0.0.8" }),
            Differing(row with { Complete = true }));
        db.Write("t", match);
        var query = new ExchangeQuery
        {
            SessionId = "s",
            Host = Host("*.example.com:8080"),
            Path = new PathFilter("/v1/", IsPrefix: true),
            Uri = new UriFilter("/v1/items?page=2", IsPrefix: false),
            Method = new MethodFilter(["PUT", "POST"]),
            Status = new StatusFilter([new(500, 599)], includesNone: true),
            Time = new TimeRange(20, 100),
            MinDuration = new DurationFilter(1_000_000_000),
            Client = new EndpointFilter("10.0.0.7", 41000),
            Server = new EndpointFilter("10.0.0.9", null),
            Complete = false,
        };

        var single = Assert.Single(db.Exchanges.Query(query).Items);

        Assert.Equal(row with { Id = single.Id, SessionId = "s" }, single);
        Assert.Equal(12, db.Exchanges.Query(new ExchangeQuery()).Items.Count);
    }

    [Fact]
    public void Descending_ListsNewestFirstAndPagesWithoutLossOrDuplicatesAcrossEqualTimes()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write("s", Row(10), Row(20), Row(20), Row(20), Row(20), Row(20), Row(5), Row(30));

        var seen = new List<ExchangeRecord>();
        ExchangeCursor? cursor = null;
        do
        {
            var page = db.Exchanges.Query(new ExchangeQuery { Order = ExchangeOrder.Descending, Limit = 3, After = cursor });
            seen.AddRange(page.Items);
            cursor = page.Next;
            Assert.True(cursor is null || cursor.Value.Order == ExchangeOrder.Descending);
        }
        while (cursor is not null);

        Assert.Equal([30L, 20, 20, 20, 20, 20, 10, 5], seen.Select(e => e.StartedNs));
        Assert.Equal(seen.OrderByDescending(e => e.StartedNs).ThenByDescending(e => e.Id), seen);
        Assert.Equal(8, seen.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void Descending_CursorStaysValidWhenNewerAndOlderExchangesArrive()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write("s", Row(10), Row(20), Row(30), Row(40));
        var first = db.Exchanges.Query(new ExchangeQuery { Order = ExchangeOrder.Descending, Limit = 2 });

        db.Write("s", Row(50), Row(1));
        var second = db.Exchanges.Query(new ExchangeQuery { Order = ExchangeOrder.Descending, Limit = 2, After = first.Next });

        Assert.Equal([40L, 30], first.Items.Select(e => e.StartedNs));
        Assert.Equal([20L, 10], second.Items.Select(e => e.StartedNs));
        Assert.NotNull(second.Next);
    }

    [Fact]
    public void Cursor_OfTheOtherOrder_IsRefused()
    {
        using var db = new TempDatabase();

        Assert.Throws<ArgumentException>(() => db.Exchanges.Query(new ExchangeQuery
        {
            Order = ExchangeOrder.Descending,
            After = new ExchangeCursor(1, 1, ExchangeOrder.Ascending),
        }));
    }

    [Fact]
    public void SqlMetacharactersInFilters_AreMatchedAsPlainText()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        var quote = "/a'b\"c;--%_";
        db.Write("s", Row(1), Row(2, uri: quote, method: "GET'--"), Row(3, host: "x' OR '1'='1"));
        var hostile = new[] { "' OR 1=1 --", "'; DROP TABLE exchanges; --", "\" OR \"\"=\"", "%", "_", "\\", "*/", "/*" };

        foreach (var text in hostile)
        {
            Assert.Empty(db.Exchanges.Query(new ExchangeQuery { SessionId = text }).Items);
            Assert.Empty(db.Exchanges.Query(new ExchangeQuery { Host = new HostFilter(text, null) }).Items);
            Assert.Empty(db.Exchanges.Query(new ExchangeQuery { Host = new HostFilter("*." + text, null) }).Items);
            Assert.Empty(db.Exchanges.Query(new ExchangeQuery { Path = new PathFilter(text, IsPrefix: false) }).Items);
            Assert.Empty(db.Exchanges.Query(new ExchangeQuery { Uri = new UriFilter(text, IsPrefix: true) }).Items);
            Assert.Empty(db.Exchanges.Query(new ExchangeQuery { Method = new MethodFilter([text]) }).Items);
            Assert.Empty(db.Exchanges.Query(new ExchangeQuery { Client = new EndpointFilter(text, null) }).Items);
        }

        Assert.Equal([2L], Starts(db, new ExchangeQuery { Uri = new UriFilter(quote, IsPrefix: false) }));
        Assert.Equal([2L], Starts(db, new ExchangeQuery { Path = new PathFilter("/a'b\"c;-", IsPrefix: true) }));
        Assert.Equal([2L], Starts(db, new ExchangeQuery { Method = new MethodFilter(["GET'--"]) }));
        Assert.Equal([3L], Starts(db, new ExchangeQuery { Host = new HostFilter("x' or '1'='1", null) }));
        using var connection = db.Database.OpenConnection();
        Assert.Equal(3, connection.ExecuteScalar<long>("SELECT count(*) FROM exchanges;"));
    }

    [Fact]
    public void FilterThatMatchesNothing_GivesAnEmptyLastPage()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write("s", Row(1), Row(2));

        var page = db.Exchanges.Query(new ExchangeQuery { Method = new MethodFilter(["GET", "PUT"]), Status = new StatusFilter(404, 404) });

        Assert.Empty(page.Items);
        Assert.Null(page.Next);
    }

    private static HostFilter Host(string text)
    {
        Assert.True(HostFilter.TryParse(text, out var filter));
        return filter!;
    }

    private static IEnumerable<long> Starts(TempDatabase db, ExchangeQuery query) =>
        db.Exchanges.Query(query with { Limit = ExchangeQuery.MaxLimit }).Items.Select(e => e.StartedNs);
}
