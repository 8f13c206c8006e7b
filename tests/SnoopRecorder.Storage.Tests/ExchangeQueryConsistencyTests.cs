using SnoopRecorder.Storage.Exchanges;
using static SnoopRecorder.Storage.Tests.ExchangeRows;

namespace SnoopRecorder.Storage.Tests;

/// <summary>
/// Random queries over 2,500 random (skewed) exchanges, paged to the end, against the same filters applied in memory:
/// whatever index the planner picks, the rows and their order are the same.
/// </summary>
public sealed class ExchangeQueryConsistencyTests
{
    private static readonly string[] Sessions = ["s1", "s2", "s3"];
    private static readonly string[] Hosts =
        ["api.example.com", "api.example.com", "api.example.com", "cdn.example.com", "a.b.example.com", "example.com", "x.other.org", "API.Example.com:8080"];
    private static readonly string[] Uris =
        ["/api/items", "/api/items?page=1", "/api/items?page=2", "/api/orders/1", "/api/orders/2", "/", "/static/app.js", "*", "http://proxy.test/api/items?page=1"];
    private static readonly string[] Methods = ["GET", "GET", "GET", "POST", "PUT", "DELETE"];
    private static readonly int?[] Statuses = [200, 200, 200, 200, 201, 304, 404, 500, 503, null];
    private static readonly string[] Clients = ["10.0.0.1", "10.0.0.1", "10.0.0.2", "2001:db8::1"];
    private static readonly string[] Servers = ["10.1.0.1", "10.1.0.1", "10.1.0.2"];

    [Fact]
    public void RandomQueries_ReturnTheRowsAFullScanWouldInOrder()
    {
        using var db = new TempDatabase();
        var random = new Random(4242);
        var rows = new List<ExchangeRecord>();
        foreach (var session in Sessions)
        {
            db.CreateSession(session);
            var writes = Enumerable.Range(0, session == "s1" ? 1_700 : 400).Select(_ => RandomRow(random)).ToArray();
            db.Write(session, writes);
        }

        var all = AllRows(db);
        Assert.Equal(2_500, all.Count);
        for (var i = 0; i < 150; i++)
        {
            var query = RandomQuery(random);
            var expected = all.Where(e => Matches(query, e));
            expected = query.Order == ExchangeOrder.Descending
                ? expected.OrderByDescending(e => e.StartedNs).ThenByDescending(e => e.Id)
                : expected.OrderBy(e => e.StartedNs).ThenBy(e => e.Id);

            Assert.True(expected.Select(e => e.Id).SequenceEqual(PageThrough(db, query)), $"query {i}: {query}");
        }
    }

    private static List<long> PageThrough(TempDatabase db, ExchangeQuery query)
    {
        var ids = new List<long>();
        ExchangeCursor? cursor = null;
        do
        {
            var page = db.Exchanges.Query(query with { After = cursor });
            ids.AddRange(page.Items.Select(e => e.Id));
            cursor = page.Next;
        }
        while (cursor is not null);
        return ids;
    }

    private static List<ExchangeRecord> AllRows(TempDatabase db)
    {
        var rows = new List<ExchangeRecord>();
        ExchangeCursor? cursor = null;
        do
        {
            var page = db.Exchanges.Query(new ExchangeQuery { Limit = ExchangeQuery.MaxLimit, After = cursor });
            rows.AddRange(page.Items);
            cursor = page.Next;
        }
        while (cursor is not null);
        return rows;
    }

    private static ExchangeWrite RandomRow(Random random) => Row(
        startedNs: random.Next(0, 2_000) * 1_000L,
        host: random.Next(20) == 0 ? null : Pick(random, Hosts),
        uri: Pick(random, Uris),
        status: Pick(random, Statuses),
        method: Pick(random, Methods),
        durationNs: random.Next(10) == 0 ? 1_000_000_000L + random.Next(2_000_000_000) : random.Next(50_000_000),
        clientIp: Pick(random, Clients),
        clientPort: 40_000 + random.Next(3),
        serverIp: Pick(random, Servers),
        serverPort: random.Next(2) == 0 ? 80 : 8080,
        complete: random.Next(15) == 0 ? false : null);

    private static ExchangeQuery RandomQuery(Random random)
    {
        bool Maybe(int percent) => random.Next(100) < percent;
        var query = new ExchangeQuery
        {
            SessionId = Maybe(25) ? Pick(random, Sessions) : null,
            Host = Maybe(25) ? Parse<HostFilter>(HostFilter.TryParse, Pick(random, ["api.example.com", "*.example.com", "*.b.example.com", "example.com:80", "*.example.com:8080", "x.other.org", "*.org"])) : null,
            Path = Maybe(15) ? Parse<PathFilter>(PathFilter.TryParse, Pick(random, ["/api/*", "/api/items", "/api/orders/*", "*", "/static/app.js"])) : null,
            Uri = Maybe(15) ? Parse<UriFilter>(UriFilter.TryParse, Pick(random, ["/api/items?*", "/api/items?page=1", "/api/items", "http://*", "*", "/api/orders/1"])) : null,
            Method = Maybe(20) ? Parse<MethodFilter>(MethodFilter.TryParse, Pick(random, ["GET", "POST,PUT", "DELETE", "GET,DELETE"])) : null,
            Status = Maybe(25) ? Parse<StatusFilter>(StatusFilter.TryParse, Pick(random, ["200", "5xx", "none", "404,5xx,none", "200-299", "304"])) : null,
            Time = Maybe(15) ? new TimeRange(random.Next(2) == 0 ? null : random.Next(1_000) * 1_000L, random.Next(2) == 0 ? null : (1_000 + random.Next(1_000)) * 1_000L) : null,
            MinDuration = Maybe(10) ? new DurationFilter(Pick(random, [10_000_000L, 1_000_000_000L, 2_500_000_000L])) : null,
            Client = Maybe(10) ? Parse<EndpointFilter>(EndpointFilter.TryParse, Pick(random, ["10.0.0.1", "10.0.0.2:40001", "2001:db8::1"])) : null,
            Server = Maybe(10) ? Parse<EndpointFilter>(EndpointFilter.TryParse, Pick(random, ["10.1.0.2", "10.1.0.1:8080"])) : null,
            Complete = Maybe(10) ? random.Next(2) == 0 : null,
            Order = random.Next(2) == 0 ? ExchangeOrder.Ascending : ExchangeOrder.Descending,
            Limit = Pick(random, [7, 100, 1_000]),
        };
        return query;
    }

    private static bool Matches(ExchangeQuery q, ExchangeRecord e) =>
        (q.SessionId is null || e.SessionId == q.SessionId)
        && (q.Host is null || (q.Host.IsWildcard
            ? e.HostName is { } name && name.Length > q.Host.Suffix.Length && name.EndsWith(q.Host.Suffix, StringComparison.Ordinal)
            : e.HostName == q.Host.Name) && (q.Host.Port is null || e.HostPort == q.Host.Port))
        && (q.Path is null || Text(e.Path, q.Path.Value, q.Path.IsPrefix))
        && (q.Uri is null || Text(e.Uri, q.Uri.Value, q.Uri.IsPrefix))
        && (q.Method is null || q.Method.Methods.Contains(e.Method))
        && (q.Status is null || (e.Status is { } s ? q.Status.Ranges.Any(r => s >= r.Min && s <= r.Max) : q.Status.IncludesNone))
        && (q.Time is null || ((q.Time.FromNs is null || e.StartedNs >= q.Time.FromNs) && (q.Time.ToNs is null || e.StartedNs < q.Time.ToNs)))
        && (q.MinDuration is null || e.EndedNs - e.StartedNs >= q.MinDuration.MinNs)
        && (q.Client is null || (e.ClientIp == q.Client.Ip && (q.Client.Port is null || e.ClientPort == q.Client.Port)))
        && (q.Server is null || (e.ServerIp == q.Server.Ip && (q.Server.Port is null || e.ServerPort == q.Server.Port)))
        && (q.Complete is null || e.Complete == q.Complete);

    private static bool Text(string? value, string pattern, bool isPrefix) =>
        value is not null && (isPrefix ? value.StartsWith(pattern, StringComparison.Ordinal) : value == pattern);

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private delegate bool TryParseFilter<T>(string? text, out T? filter);

    private static T Parse<T>(TryParseFilter<T> parse, string text)
    {
        Assert.True(parse(text, out var filter), text);
        return filter!;
    }
}
