using Dapper;
using Microsoft.Data.Sqlite;

namespace SnoopRecorder.Storage.Exchanges;

public sealed partial class ExchangeRepository
{
    /// <summary>A wildcard host matching more stored names than this is checked row by row instead of by index.</summary>
    internal const int MaxWildcardHostNames = 100;

    /// <summary>
    /// One page of the exchanges matching every filter of <paramref name="query"/>, in its order, and the cursor of the
    /// next page. Runs on the index <see cref="ExchangeQueryPlanner"/> chooses.
    /// </summary>
    /// <exception cref="ArgumentException">The limit is out of range, or the cursor belongs to a list in the other order.</exception>
    public ExchangePage Query(ExchangeQuery query)
    {
        using var connection = _database.OpenConnection();
        if (Prepare(connection, query) is not { } plan)
        {
            return ExchangePage.Empty;
        }

        var rows = connection.Query<ExchangeRecord>(plan.Sql, plan.Parameters).AsList();
        if (rows.Count <= query.Limit)
        {
            return new ExchangePage(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        var last = rows[^1];
        return new ExchangePage(rows, new ExchangeCursor(last.StartedNs, last.Id, query.Order));
    }

    /// <summary>
    /// SQLite's plan (<c>EXPLAIN QUERY PLAN</c>) for the statement <see cref="Query"/> would run, one line per step; empty
    /// when the query was found to match nothing before any statement ran. For tests and benchmarks.
    /// </summary>
    internal IReadOnlyList<string> Explain(ExchangeQuery query)
    {
        using var connection = _database.OpenConnection();
        if (Prepare(connection, query) is not { } plan)
        {
            return [];
        }

        return connection.Query($"EXPLAIN QUERY PLAN {plan.Sql}", plan.Parameters).Select(row => (string)row.detail).AsList();
    }

    private static PreparedQuery? Prepare(SqliteConnection connection, ExchangeQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, ExchangeQuery.MaxLimit);
        if (query.After is { } after && after.Order != query.Order)
        {
            throw new ArgumentException("The cursor continues a list in the other order.", nameof(query));
        }

        IReadOnlyList<string>? hostNames = null;
        if (query.Host is { IsWildcard: true } host)
        {
            hostNames = HostNamesEndingWith(connection, host.Suffix);
            if (hostNames is [])
            {
                return null;
            }
        }

        if (query.Time?.IsEmpty == true)
        {
            return null;
        }

        var filter = ExchangeFilterSql.Build(query, hostNames);
        if (ExchangeQueryPlanner.Choose(connection, filter, query.Limit) is not { } path)
        {
            return null;
        }

        // One extra row tells whether another page follows.
        var direction = query.Order == ExchangeOrder.Descending ? "DESC" : "ASC";
        var parameters = new DynamicParameters(filter.Parameters);
        parameters.Add("Take", query.Limit + 1);
        return new PreparedQuery(
            $"{SelectColumns} INDEXED BY {path.Index} WHERE {filter.Where} ORDER BY started_ns {direction}, id {direction} LIMIT @Take;",
            parameters);
    }

    /// <summary>
    /// The distinct stored host names that end with <paramref name="suffix"/> and are longer than it, or null when there
    /// are more than <see cref="MaxWildcardHostNames"/>. Hops from name to name through the host index (one seek per
    /// distinct name) instead of reading every row: a store has millions of exchanges but few hosts.
    /// </summary>
    private static List<string>? HostNamesEndingWith(SqliteConnection connection, string suffix)
    {
        var names = connection.Query<string>(
            """
            WITH RECURSIVE names(name) AS (
                SELECT min(host_name) FROM exchanges
                UNION ALL
                SELECT (SELECT min(host_name) FROM exchanges WHERE host_name > names.name) FROM names WHERE name IS NOT NULL)
            SELECT name FROM names
            WHERE name IS NOT NULL AND length(name) > length(@Suffix) AND substr(name, -length(@Suffix)) = @Suffix
            LIMIT @Take;
            """,
            new { Suffix = suffix, Take = MaxWildcardHostNames + 1 }).AsList();
        return names.Count > MaxWildcardHostNames ? null : names;
    }

    private sealed record PreparedQuery(string Sql, DynamicParameters Parameters);
}
