using Dapper;
using Microsoft.Data.Sqlite;
using SnoopRecorder.Storage.Database;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// Statistics of a session's exchanges, grouped by (host, method, path), in memory proportional to the groups returned
/// rather than to the session: two passes over the session's rows, in one read transaction.
/// </summary>
/// <remarks>
/// 1. One <c>GROUP BY</c> counts every group (SQLite's sorter spills to disk when a session has millions of distinct
///    paths); the groups stream through a heap that keeps the largest and adds up the rest.
/// 2. One pass over the durations of the session's exchanges with a response, in ascending order, picks the nearest
///    ranks of the whole session and of every kept group at once: the k-th duration of a group met in ascending order
///    is that group's k-th smallest, and the first pass gave each group's count.
/// Both passes find the session's rows through <c>ix_exchanges_session_started</c> and sort in a temporary B-tree.
/// </remarks>
public sealed partial class SessionStatsRepository(SnoopDatabase database)
{
    public const int DefaultTop = 100;
    public const int MaxTop = 1_000;

    // Counts first, so that the group's key is read (and its strings allocated) only when it can be kept.
    private const string CountsSql = $"""
        SELECT count(*),
               count(CASE WHEN status BETWEEN 100 AND 199 THEN 1 END),
               count(CASE WHEN status BETWEEN 200 AND 299 THEN 1 END),
               count(CASE WHEN status BETWEEN 300 AND 399 THEN 1 END),
               count(CASE WHEN status BETWEEN 400 AND 499 THEN 1 END),
               count(CASE WHEN status BETWEEN 500 AND 599 THEN 1 END),
               count(CASE WHEN status NOT BETWEEN 100 AND 599 THEN 1 END),
               count(*) - count(status),
               host, method, path
        FROM exchanges INDEXED BY {ExchangeIndexes.Session}
        WHERE session_id = @SessionId
        GROUP BY host, method, path;
        """;

    // The same clamp as an exchange's durationMs: a response stamped before its request (clock steps) took 0.
    private const string DurationsSql = $"""
        SELECT host, method, path, max(0, ended_ns - started_ns) AS duration_ns
        FROM exchanges INDEXED BY {ExchangeIndexes.Session}
        WHERE session_id = @SessionId AND status IS NOT NULL
        ORDER BY duration_ns;
        """;

    private readonly SnoopDatabase _database = database;

    /// <summary>The statistics of the exchanges stored for the session so far, with its <paramref name="top"/> largest groups.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is not from 1 to <see cref="MaxTop"/>.</exception>
    public SessionStats Compute(string sessionId, int top)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, MaxTop);
        using var connection = _database.OpenConnection();

        // One snapshot for both passes: a session still recording commits between them, and its new rows must not
        // be in the durations without being in the counts.
        using var transaction = connection.BeginTransaction(deferred: true);
        var groups = CountGroups(connection, transaction, sessionId, top);
        var pickers = groups.Kept.ToDictionary(g => g.Key, g => new NearestRankPicker(g.Counts.Responded));
        var durations = PickDurations(connection, transaction, sessionId, new NearestRankPicker(groups.Totals.Responded), pickers);
        transaction.Commit();

        return new SessionStats(
            sessionId,
            groups.Totals,
            durations,
            [.. groups.Kept.Select(g => new ExchangeGroupStats(g.Key, g.Counts, pickers[g.Key].Result))],
            groups.OtherGroups,
            groups.OtherExchanges);
    }

    /// <summary>SQLite's plans for the two passes, one line per step. For tests and benchmarks.</summary>
    internal IReadOnlyList<string> Explain(string sessionId)
    {
        using var connection = _database.OpenConnection();
        return
        [
            .. connection.Query($"EXPLAIN QUERY PLAN {CountsSql}", new { SessionId = sessionId }).Select(row => (string)row.detail),
            .. connection.Query($"EXPLAIN QUERY PLAN {DurationsSql}", new { SessionId = sessionId }).Select(row => (string)row.detail),
        ];
    }

    private static GroupCounts CountGroups(SqliteConnection connection, SqliteTransaction transaction, string sessionId, int top)
    {
        var kept = new PriorityQueue<KeptGroup, KeptGroup>(top + 1, KeptGroup.WorstFirst);
        var totals = default(ExchangeCounts);
        long otherGroups = 0;
        long otherExchanges = 0;

        // Streamed: a session can have as many groups as exchanges; only the kept ones stay in memory.
        using var command = Command(connection, transaction, CountsSql, sessionId);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var counts = GroupRows.Counts(reader);
            totals = totals.Plus(counts);
            if (kept.Count == top && counts.Count < kept.Peek().Counts.Count)
            {
                otherGroups++;
                otherExchanges += counts.Count;
                continue;
            }

            var group = new KeptGroup(GroupRows.Key(reader, GroupRows.CountsKeyOrdinal), counts);
            kept.Enqueue(group, group);
            if (kept.Count > top)
            {
                var dropped = kept.Dequeue();
                otherGroups++;
                otherExchanges += dropped.Counts.Count;
            }
        }

        var largestFirst = new KeptGroup[kept.Count];
        for (var i = largestFirst.Length - 1; i >= 0; i--)
        {
            largestFirst[i] = kept.Dequeue();
        }

        return new GroupCounts(largestFirst, totals, otherGroups, otherExchanges);
    }

    private static DurationPercentiles PickDurations(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string sessionId,
        NearestRankPicker session,
        Dictionary<ExchangeGroupKey, NearestRankPicker> groups)
    {
        using var command = Command(connection, transaction, DurationsSql, sessionId);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var duration = reader.GetInt64(3);
            session.Observe(duration);
            if (groups.TryGetValue(GroupRows.Key(reader, 0), out var group))
            {
                group.Observe(duration);
            }
        }

        return session.Result;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, string sessionId)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@SessionId", sessionId);
        return command;
    }
}
