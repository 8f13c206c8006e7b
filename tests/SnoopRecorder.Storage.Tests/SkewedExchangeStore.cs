using SnoopRecorder.Storage.Exchanges;
using static SnoopRecorder.Storage.Tests.ExchangeRows;

namespace SnoopRecorder.Storage.Tests;

/// <summary>3,000 exchanges of one session where every filter has a rare value and a common one, plus 20 of another.</summary>
public sealed class SkewedExchangeStore : IDisposable
{
    public static readonly Dictionary<string, ExchangeQuery> Queries = new()
    {
        ["session"] = new() { SessionId = "big" },
        ["host"] = new() { Host = new HostFilter("rare.example.com", null) },
        ["host-wildcard-one-name"] = new() { Host = new HostFilter("*.solo.example.org", null) },
        ["host-wildcard-two-names"] = new() { Host = new HostFilter("*.rare.example.com", null) },
        ["path"] = new() { Path = new PathFilter("/api/items", IsPrefix: false) },
        ["uri"] = new() { Uri = new UriFilter("/rare/50", IsPrefix: false) },
        ["uri-with-query"] = new() { Uri = new UriFilter("/api/items?page=", IsPrefix: true) },
        ["method"] = new() { Method = new MethodFilter(["DELETE"]) },
        ["method-get"] = new() { Method = new MethodFilter(["GET"]) },
        ["methods-with-get"] = new() { Method = new MethodFilter(["DELETE", "GET"]) },
        ["status"] = new() { Status = new StatusFilter(500, 500) },
        ["status-none"] = new() { Status = new StatusFilter([], includesNone: true) },
        ["time"] = new() { Time = new TimeRange(1_000_000, 2_000_000) },
        ["slow"] = new() { MinDuration = new DurationFilter(1_500_000_000) },
        ["client"] = new() { Client = new EndpointFilter("10.9.9.9", null) },
        ["client-port"] = new() { Client = new EndpointFilter("10.9.9.9", 40000) },
        ["server"] = new() { Server = new EndpointFilter("10.0.0.3", null) },
        ["incomplete"] = new() { Complete = false },
        ["nothing"] = new(),
        ["descending"] = new() { Order = ExchangeOrder.Descending },
        ["session-cursor"] = new() { SessionId = "big", After = new ExchangeCursor(1_500_000, 1_500) },
        ["host-descending-cursor"] = new()
        {
            Host = new HostFilter("api.example.com", null),
            Order = ExchangeOrder.Descending,
            After = new ExchangeCursor(1_500_000, 1_500, ExchangeOrder.Descending),
        },
        ["dense-host-and-dense-status"] = new() { Host = new HostFilter("api.example.com", null), Status = new StatusFilter(200, 299) },
        ["dense-session-and-rare-client"] = new() { SessionId = "big", Client = new EndpointFilter("10.9.9.9", null) },
        ["dense-status-class"] = new() { Status = new StatusFilter(200, 299) },
        ["dense-path-prefix"] = new() { Path = new PathFilter("/api/", IsPrefix: true) },
        ["short-duration"] = new() { MinDuration = new DurationFilter(500_000) },
        ["rare-path-prefix"] = new() { Path = new PathFilter("/rare/", IsPrefix: true) },
        ["rare-uri-prefix"] = new() { Uri = new UriFilter("/rare/", IsPrefix: true) },
        ["rare-methods"] = new() { Method = new MethodFilter(["DELETE", "PUT"]) },
        ["rare-status-class"] = new() { Status = new StatusFilter(500, 599) },
        ["rare-status-list"] = new() { Status = new StatusFilter([new(500, 500), new(503, 503)], includesNone: true) },
        ["dense-host-and-rare-status-class"] = new() { Host = new HostFilter("api.example.com", null), Status = new StatusFilter(500, 599) },
        ["unknown-host"] = new() { Host = new HostFilter("nowhere.test", null), Status = new StatusFilter(500, 599) },
        ["unknown-wildcard"] = new() { Host = new HostFilter("*.nowhere.test", null) },
        ["empty-time"] = new() { Time = new TimeRange(5, 5) },
    };

    public SkewedExchangeStore()
    {
        Db.CreateSession("big");
        Db.CreateSession("small");
        Db.Write("big", [.. Enumerable.Range(0, 3_000).Select(Skewed)]);
        Db.Write("small", [.. Enumerable.Range(0, 20).Select(i => Row(5_000_000 + i))]);
    }

    public TempDatabase Db { get; } = new();

    public string Plan(string name) => string.Join(" | ", Db.Exchanges.Explain(Queries[name]));

    public void Dispose() => Db.Dispose();

    private static ExchangeWrite Skewed(int i) => Row(
        startedNs: i * 1_000L,
        host: (i % 100) switch { 0 => "rare.example.com", 1 => "a.rare.example.com", 2 => "b.rare.example.com", 3 => "www.solo.example.org", _ => "api.example.com" },
        uri: i % 50 == 0 ? $"/rare/{i}" : $"/api/items?page={i % 7}",
        status: i % 1_000 == 7 ? null : i % 200 == 0 ? 500 : i % 300 == 3 ? 503 : 200,
        method: i % 300 == 0 ? "DELETE" : "GET",
        durationNs: i % 500 == 0 ? 2_000_000_000 : 1_000_000,
        clientIp: i % 150 == 0 ? "10.9.9.9" : "10.0.0.1",
        serverIp: i % 250 == 0 ? "10.0.0.3" : "10.0.0.2",
        complete: i % 400 == 0 ? false : null);
}
