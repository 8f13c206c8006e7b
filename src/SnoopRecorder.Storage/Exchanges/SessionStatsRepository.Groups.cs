using Microsoft.Data.Sqlite;

namespace SnoopRecorder.Storage.Exchanges;

public sealed partial class SessionStatsRepository
{
    /// <summary>What the counting pass found: the kept groups, largest first, and the session's totals.</summary>
    private sealed record GroupCounts(IReadOnlyList<KeptGroup> Kept, ExchangeCounts Totals, long OtherGroups, long OtherExchanges);

    private sealed record KeptGroup(ExchangeGroupKey Key, ExchangeCounts Counts)
    {
        /// <summary>
        /// Heap order: the group to drop first comes first — fewer exchanges, then, among equal counts, the key last in
        /// ordinal order — so that what is kept is the largest groups, ties broken by host, method and path.
        /// </summary>
        public static readonly IComparer<KeptGroup> WorstFirst = Comparer<KeptGroup>.Create((a, b) =>
        {
            var byCount = a.Counts.Count.CompareTo(b.Counts.Count);
            return byCount != 0 ? byCount : ExchangeGroupKey.Compare(b.Key, a.Key);
        });
    }

    /// <summary>Reads the columns of the two passes by position (<see cref="CountsSql"/>, <see cref="DurationsSql"/>).</summary>
    private static class GroupRows
    {
        /// <summary>Where host, method and path start in a row of the counting pass.</summary>
        public const int CountsKeyOrdinal = 8;

        public static ExchangeCounts Counts(SqliteDataReader reader) => new()
        {
            Count = reader.GetInt64(0),
            Informational = reader.GetInt64(1),
            Success = reader.GetInt64(2),
            Redirection = reader.GetInt64(3),
            ClientError = reader.GetInt64(4),
            ServerError = reader.GetInt64(5),
            OtherStatus = reader.GetInt64(6),
            NoResponse = reader.GetInt64(7),
        };

        public static ExchangeGroupKey Key(SqliteDataReader reader, int first) =>
            new(TextOrNull(reader, first), TextOrNull(reader, first + 1), TextOrNull(reader, first + 2));

        private static string? TextOrNull(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }
}
