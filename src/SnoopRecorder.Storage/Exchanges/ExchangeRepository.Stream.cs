using Dapper;

namespace SnoopRecorder.Storage.Exchanges;

public sealed partial class ExchangeRepository
{
    /// <summary>The id of the last exchange stored, 0 when none is. Ids grow with every insert and are never reused.</summary>
    public long LastId()
    {
        using var connection = _database.OpenConnection();
        return connection.ExecuteScalar<long>("SELECT coalesce(max(id), 0) FROM exchanges;");
    }

    /// <summary>
    /// The exchanges stored after exchange <paramref name="afterId"/> that match every filter of <paramref name="query"/>,
    /// in the order they were stored (by id), at most <see cref="ExchangeQuery.Limit"/>: what a live tail reads after
    /// each commit. The query's order does not apply.
    /// </summary>
    /// <remarks>
    /// Ids become visible in increasing order: a batch's ids are assigned inside its transaction, which holds SQLite's
    /// one write lock from its first insert to its commit, so no exchange with a smaller id can appear after a reader
    /// has seen a larger one, whichever writers run at once.
    /// </remarks>
    /// <exception cref="ArgumentException">The limit is out of range, or the query has a cursor (a position in time order).</exception>
    public IReadOnlyList<ExchangeRecord> QueryStoredAfter(ExchangeQuery query, long afterId)
    {
        if (PrepareStoredAfter(query, afterId) is not { } plan)
        {
            return [];
        }

        using var connection = _database.OpenConnection();
        return connection.Query<ExchangeRecord>(plan.Sql, plan.Parameters).AsList();
    }

    /// <summary>SQLite's plan for the statement <see cref="QueryStoredAfter"/> would run. For tests and benchmarks.</summary>
    internal IReadOnlyList<string> ExplainStoredAfter(ExchangeQuery query, long afterId)
    {
        if (PrepareStoredAfter(query, afterId) is not { } plan)
        {
            return [];
        }

        using var connection = _database.OpenConnection();
        return connection.Query($"EXPLAIN QUERY PLAN {plan.Sql}", plan.Parameters).Select(row => (string)row.detail).AsList();
    }

    private static PreparedQuery? PrepareStoredAfter(ExchangeQuery query, long afterId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, ExchangeQuery.MaxLimit);
        if (query.After is not null)
        {
            throw new ArgumentException("A cursor is a position in request-time order; exchanges read in storage order start after an id.", nameof(query));
        }

        if (query.Time?.IsEmpty == true)
        {
            return null;
        }

        // A wildcard host is checked row by row rather than through a list of the names stored now: a tail keeps
        // meeting names it has never seen.
        var filter = ExchangeFilterSql.Build(query, hostNames: null);
        var parameters = new DynamicParameters(filter.Parameters);
        parameters.Add("AfterId", afterId);
        parameters.Add("Take", query.Limit);

        // NOT INDEXED keeps SQLite off the filters' indexes, which would read every past row of a host or a status to
        // find the few new ones and sort them by id: the rowid seeks to afterId and reads only what came after it
        // (NOT INDEXED still lets the INTEGER PRIMARY KEY be used). A tail asks after each commit, so that is a few
        // hundred rows; a client resuming after a long absence reads, page by page, every row stored since.
        return new PreparedQuery(
            $"{SelectColumns} NOT INDEXED WHERE id > @AfterId AND {filter.Where} ORDER BY id LIMIT @Take;",
            parameters);
    }
}
