using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Storage.Tests;

/// <summary>
/// Which index each filter runs on (SQLite's EXPLAIN QUERY PLAN of the statement the repository runs), on 3,000 rows
/// where some values are rare and others are nearly everywhere: rare values are looked up by index, common ones are
/// met while walking an index in list order.
/// </summary>
public sealed class ExchangeQueryPlanTests : IClassFixture<SkewedExchangeStore>
{
    private const string TempSort = "TEMP B-TREE";
    private readonly SkewedExchangeStore _store;

    public ExchangeQueryPlanTests(SkewedExchangeStore store) => _store = store;

    [Theory]
    [InlineData("session", "ix_exchanges_session_started")]
    [InlineData("host", "ix_exchanges_host_started")]
    [InlineData("host-wildcard-one-name", "ix_exchanges_host_started")]
    [InlineData("path", "ix_exchanges_path_started")]
    [InlineData("uri", "ix_exchanges_path_started")]
    [InlineData("uri-with-query", "ix_exchanges_path_started")]
    [InlineData("method", "ix_exchanges_method_started")]
    [InlineData("status", "ix_exchanges_status_started")]
    [InlineData("status-none", "ix_exchanges_status_started")]
    [InlineData("time", "ix_exchanges_started (started_ns>? AND started_ns<?)")]
    [InlineData("slow", "ix_exchanges_slow")]
    [InlineData("client", "ix_exchanges_client_started")]
    [InlineData("client-port", "ix_exchanges_client_started")]
    [InlineData("server", "ix_exchanges_server_started")]
    [InlineData("incomplete", "ix_exchanges_incomplete")]
    [InlineData("nothing", "SCAN exchanges USING INDEX ix_exchanges_started")]
    [InlineData("descending", "SCAN exchanges USING INDEX ix_exchanges_started")]
    [InlineData("session-cursor", "ix_exchanges_session_started (session_id=? AND started_ns>?)")]
    [InlineData("host-descending-cursor", "ix_exchanges_host_started (host_name=? AND started_ns<?)")]
    [InlineData("dense-host-and-dense-status", "ix_exchanges_host_started")]
    [InlineData("dense-session-and-rare-client", "ix_exchanges_client_started")]
    [InlineData("dense-status-class", "SCAN exchanges USING INDEX ix_exchanges_started")]
    [InlineData("dense-path-prefix", "SCAN exchanges USING INDEX ix_exchanges_started")]
    [InlineData("short-duration", "SCAN exchanges USING INDEX ix_exchanges_started")]
    [InlineData("method-get", "SCAN exchanges USING INDEX ix_exchanges_started")]
    [InlineData("methods-with-get", "SCAN exchanges USING INDEX ix_exchanges_started")]
    public void OrderedPlans_WalkAnIndexInListOrderWithoutSorting(string name, string expected)
    {
        var plan = _store.Plan(name);

        Assert.Contains(expected, plan, StringComparison.Ordinal);
        Assert.DoesNotContain(TempSort, plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rare-path-prefix", "ix_exchanges_path_started (path>? AND path<?)")]
    [InlineData("rare-uri-prefix", "ix_exchanges_path_started (path>? AND path<?)")]
    [InlineData("rare-methods", "ix_exchanges_method_started (method=?)")]
    [InlineData("rare-status-class", "ix_exchanges_status_started (status>? AND status<?)")]
    [InlineData("rare-status-list", "MULTI-INDEX OR")]
    [InlineData("host-wildcard-two-names", "ix_exchanges_host_started (host_name=?)")]
    [InlineData("dense-host-and-rare-status-class", "ix_exchanges_status_started")]
    public void RareRangesAndLists_AreLookedUpThenSorted(string name, string expected)
    {
        var plan = _store.Plan(name);

        Assert.Contains(expected, plan, StringComparison.Ordinal);
        Assert.Contains(TempSort, plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown-host")]
    [InlineData("unknown-wildcard")]
    [InlineData("empty-time")]
    public void QueriesThatCannotMatch_StopBeforeTheListStatement(string name)
    {
        Assert.Empty(_store.Db.Exchanges.Explain(SkewedExchangeStore.Queries[name]));
        Assert.Empty(_store.Db.Exchanges.Query(SkewedExchangeStore.Queries[name]).Items);
    }
}
