using Dapper;
using Microsoft.Data.Sqlite;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// Chooses the index a list query runs on. SQLite's own planner cannot: without statistics on the data (this build
/// has no STAT4, and nobody runs ANALYZE on a store that grows by the second) it cannot tell <c>5xx</c>, a few rows,
/// from <c>2xx</c>, nearly all of them, and sorting a million rows to show a hundred takes seconds.
/// </summary>
/// <remarks>
/// Each candidate is counted on its index alone, up to a cap C (<c>SELECT count(*) FROM (... LIMIT C)</c>, cheap: the
/// index covers the condition). A candidate below the cap is read whole, and sorted when it is not in list order:
/// at most C rows. When every candidate reaches the cap, each filter matches at least C of the N rows, so walking
/// an ordered index (fewest rows first by <see cref="ExchangeAccessPath.Rank"/>, the time index last) meets the
/// page's L + 1 matches after about (L + 1)·N/C rows if the filters are not correlated. The two costs balance at
/// C = √((L + 1)·N): 10,000 for a page of 100 among a million exchanges.
/// </remarks>
internal static class ExchangeQueryPlanner
{
    private const int MinCap = 1_000;
    private const int MaxCap = 100_000;

    /// <summary>The access path to run the query on, or null when a count proved that nothing matches.</summary>
    public static ExchangeAccessPath? Choose(SqliteConnection connection, ExchangeFilterSql sql, int limit)
    {
        var bounded = sql.AccessPaths.Where(p => sql.BoundOf(p) is not null).ToList();
        if (bounded.Count == 0)
        {
            return sql.AccessPaths[^1];
        }

        if (bounded.Count == 1 && bounded[0].IsOrdered)
        {
            return bounded[0];
        }

        var rows = connection.ExecuteScalar<long?>("SELECT max(id) FROM exchanges;") ?? 0;
        var cap = (int)Math.Clamp(Math.Sqrt((limit + 1.0) * rows), MinCap, MaxCap);
        ExchangeAccessPath? best = null;
        var bestCount = long.MaxValue;
        foreach (var path in bounded)
        {
            var count = Count(connection, sql, path, cap);
            if (count == 0)
            {
                return null;
            }

            if (count < bestCount || (count == bestCount && Better(path, best!)))
            {
                best = path;
                bestCount = count;
            }
        }

        if (bestCount < cap)
        {
            return best;
        }

        return sql.AccessPaths.Where(p => p.IsOrdered).MinBy(p => p.Rank);
    }

    /// <summary>How many rows the path visits, counted up to <paramref name="cap"/>.</summary>
    public static long Count(SqliteConnection connection, ExchangeFilterSql sql, ExchangeAccessPath path, int cap)
    {
        var parameters = new DynamicParameters(sql.Parameters);
        parameters.Add("Cap", cap);
        return connection.ExecuteScalar<long>(
            $"SELECT count(*) FROM (SELECT 1 FROM exchanges INDEXED BY {path.Index} WHERE {sql.BoundOf(path)} LIMIT @Cap);",
            parameters);
    }

    private static bool Better(ExchangeAccessPath candidate, ExchangeAccessPath current) =>
        (candidate.IsOrdered && !current.IsOrdered) || (candidate.IsOrdered == current.IsOrdered && candidate.Rank < current.Rank);
}
