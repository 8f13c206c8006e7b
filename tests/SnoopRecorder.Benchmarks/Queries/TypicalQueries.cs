using Dapper;
using SnoopRecorder.Storage.Database;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Benchmarks.Queries;

/// <summary>The list queries measured on the million exchanges: the brief's typical ones first, then one per filter.</summary>
internal static class TypicalQueries
{
    /// <summary>How deep into the checkout session the deep-cursor pages start.</summary>
    public const int DeepOffset = 200_000;

    public static IReadOnlyList<TypicalQuery> All(SnoopDatabase database)
    {
        var checkout = SyntheticExchangeGenerator.Sessions[0].Id;
        var payments = SyntheticExchangeGenerator.Sessions[1].Id;
        var thursday = SyntheticExchangeGenerator.WeekStart.AddDays(3).AddHours(14);
        var from = thursday.ToUnixTimeMilliseconds() * 1_000_000;
        var to = thursday.AddHours(1).ToUnixTimeMilliseconds() * 1_000_000;
        var deep = Position(database, checkout, ExchangeOrder.Ascending);
        var deepDesc = Position(database, checkout, ExchangeOrder.Descending);
        var hour = $"from={thursday:yyyy-MM-ddTHH:mm:ssZ}&to={thursday.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}";

        // Tuesday afternoon, when payments.example.com answered 503 to half its requests for 25 minutes.
        var incident = SyntheticExchangeGenerator.WeekStart.AddDays(1).AddHours(14);
        var incidentHour = $"from={incident:yyyy-MM-ddTHH:mm:ssZ}&to={incident.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}";
        var incidentRange = new TimeRange(incident.ToUnixTimeMilliseconds() * 1_000_000, incident.AddHours(1).ToUnixTimeMilliseconds() * 1_000_000);
        return
        [
            new("host + status", "host=api.example.com&status=5xx", new() { Host = Host("api.example.com"), Status = Status("5xx") }),
            new("path prefix", "path=/api/v1/orders/*", new() { Path = new PathFilter("/api/v1/orders/", IsPrefix: true) }),
            new("time range (1 h)", hour, new() { Time = new TimeRange(from, to) }),
            new("session page", $"session={payments}", new() { SessionId = payments }),
            new("desc order", "order=desc", new() { Order = ExchangeOrder.Descending }),
            new("deep cursor page", $"session={checkout}&cursor=(row {DeepOffset:N0})", new() { SessionId = checkout, After = deep }),
            new("status=none", "status=none", new() { Status = Status("none") }),
            new("first page, no filter", string.Empty, new()),
            new("host + status, both common", "host=cdn.example.com&status=2xx", new() { Host = Host("cdn.example.com"), Status = Status("2xx") }),
            new("session + host + status + time", $"session={checkout}&host=payments.example.com&status=5xx&{incidentHour}",
                new() { SessionId = checkout, Host = Host("payments.example.com"), Status = Status("5xx"), Time = incidentRange }),
            new("deep cursor page, desc", $"session={checkout}&order=desc&cursor=(row {DeepOffset:N0} from the end)",
                new() { SessionId = checkout, Order = ExchangeOrder.Descending, After = deepDesc }),
            new("rare path prefix", "path=/api/v1/users/77*", new() { Path = new PathFilter("/api/v1/users/77", IsPrefix: true) }),
            new("uri exact", "uri=/api/v1/search?q=lamp&page=3", new() { Uri = new UriFilter("/api/v1/search?q=lamp&page=3", IsPrefix: false) }),
            new("uri prefix", "uri=/api/v2/catalog/items?category=4*", new() { Uri = new UriFilter("/api/v2/catalog/items?category=4", IsPrefix: true) }),
            new("host wildcard, 8 names", "host=*.example.com", new() { Host = Host("*.example.com") }),
            new("host wildcard, 200 names", "host=*.storage.example.net", new() { Host = Host("*.storage.example.net") }),
            new("method, rare", "method=OPTIONS", new() { Method = Method("OPTIONS") }),
            new("method list", "method=PATCH,DELETE", new() { Method = Method("PATCH,DELETE") }),
            new("status list", "status=404,5xx,none", new() { Status = Status("404,5xx,none") }),
            new("status range, common", "status=200-299", new() { Status = Status("200-299") }),
            new("minDurationMs=1000", "minDurationMs=1000", new() { MinDuration = new DurationFilter(1_000_000_000) }),
            new("minDurationMs=250", "minDurationMs=250", new() { MinDuration = new DurationFilter(250_000_000) }),
            new("client", "client=10.1.0.25", new() { Client = Endpoint("10.1.0.25") }),
            new("server ip:port", "server=[2001:db8::10]:80", new() { Server = Endpoint("[2001:db8::10]:80") }),
            new("complete=false", "complete=false", new() { Complete = false }),
        ];
    }

    /// <summary>The cursor after the first <see cref="DeepOffset"/> exchanges of the session in this order.</summary>
    private static ExchangeCursor Position(SnoopDatabase database, string session, ExchangeOrder order)
    {
        using var connection = database.OpenConnection();
        var direction = order == ExchangeOrder.Descending ? "DESC" : "ASC";
        var (startedNs, id) = connection.QuerySingle<(long, long)>(
            $"SELECT started_ns, id FROM exchanges WHERE session_id = @Session ORDER BY started_ns {direction}, id {direction} LIMIT 1 OFFSET @Offset;",
            new { Session = session, Offset = DeepOffset - 1 });
        return new ExchangeCursor(startedNs, id, order);
    }

    private static HostFilter Host(string text) => HostFilter.TryParse(text, out var filter) ? filter! : throw new ArgumentException(text);

    private static StatusFilter Status(string text) => StatusFilter.TryParse(text, out var filter) ? filter! : throw new ArgumentException(text);

    private static MethodFilter Method(string text) => MethodFilter.TryParse(text, out var filter) ? filter! : throw new ArgumentException(text);

    private static EndpointFilter Endpoint(string text) => EndpointFilter.TryParse(text, out var filter) ? filter! : throw new ArgumentException(text);
}
