using SnoopRecorder.Storage.Exchanges;
using static SnoopRecorder.Storage.Tests.ExchangeRows;

namespace SnoopRecorder.Storage.Tests;

public sealed class SessionStatsRepositoryTests
{
    private const long Ms = 1_000_000;

    [Theory]
    [InlineData(100, 50, 95, 99)]
    [InlineData(10, 5, 10, 10)]
    [InlineData(20, 10, 19, 20)]
    [InlineData(3, 2, 3, 3)]
    [InlineData(1, 1, 1, 1)]
    public void NearestRank_IsTheValueOfRankCeilingOfPTimesNOver100(int count, long p50, long p95, long p99)
    {
        var picker = new NearestRankPicker(count);
        for (var value = 1; value <= count; value++)
        {
            picker.Observe(value);
        }

        Assert.Equal(new DurationPercentiles(p50, p95, p99), picker.Result);
    }

    [Fact]
    public void NearestRank_OfNoValues_IsNull() => Assert.Equal(default, new NearestRankPicker(0).Result);

    [Fact]
    public void Compute_CountsEveryStatusClass_AndLeavesUnansweredRequestsOutOfThePercentiles()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        int?[] statuses = [200, 201, 204, 304, 101, 404, 500, 0, 200, 200];
        var rows = statuses.Select((status, i) => Row(i, host: "api.test", uri: "/a", status: status, durationNs: (i + 1) * Ms))
            .Append(Row(100, host: "api.test", uri: "/a", status: null, durationNs: 10_000 * Ms))
            .Append(Row(101, host: "api.test", uri: "/a", status: null, durationNs: 20_000 * Ms));
        db.Write("s", [.. rows]);

        var stats = new SessionStatsRepository(db.Database).Compute("s", top: 10);

        var expected = new ExchangeCounts
        {
            Count = 12,
            Informational = 1,
            Success = 5,
            Redirection = 1,
            ClientError = 1,
            ServerError = 1,
            OtherStatus = 1,
            NoResponse = 2,
        };
        Assert.Equal(expected, stats.Counts);
        var group = Assert.Single(stats.Groups);
        Assert.Equal(new ExchangeGroupKey("api.test", "GET", "/a"), group.Key);
        Assert.Equal(expected, group.Counts);

        // Durations 1..10 ms: ranks 5, 10 and 10 of ten; the two slow unanswered requests do not count.
        var durations = new DurationPercentiles(5 * Ms, 10 * Ms, 10 * Ms);
        Assert.Equal(durations, group.Durations);
        Assert.Equal(durations, stats.Durations);
        Assert.Equal(0, stats.OtherGroups);
        Assert.Equal(0, stats.OtherExchanges);
    }

    [Fact]
    public void Compute_ListsTheLargestGroupsFirst_TiesByHostMethodPath_AndCountsTheRestAsOther()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write(
            "s",
            Row(1, host: "b.test", uri: "/x"),
            Row(2, host: "b.test", uri: "/x"),
            Row(3, host: "b.test", uri: "/x"),
            Row(4, host: "c.test", uri: "/y"),
            Row(5, host: "c.test", uri: "/y"),
            Row(6, host: "a.test", uri: "/z", method: "POST"),
            Row(7, host: "a.test", uri: "/z", method: "POST"),
            Row(8, host: "a.test", uri: "/z"),
            Row(9, host: "d.test", uri: "/w"));

        var repository = new SessionStatsRepository(db.Database);
        var stats = repository.Compute("s", top: 2);

        Assert.Equal(
            [new ExchangeGroupKey("b.test", "GET", "/x"), new ExchangeGroupKey("a.test", "POST", "/z")],
            stats.Groups.Select(g => g.Key));
        Assert.Equal([3L, 2L], stats.Groups.Select(g => g.Counts.Count));
        Assert.Equal(3, stats.OtherGroups);
        Assert.Equal(4, stats.OtherExchanges);
        Assert.Equal(9, stats.Counts.Count);

        var all = repository.Compute("s", top: SessionStatsRepository.MaxTop);
        Assert.Equal(
            ["b.test GET /x", "a.test POST /z", "c.test GET /y", "a.test GET /z", "d.test GET /w"],
            all.Groups.Select(g => $"{g.Key.Host} {g.Key.Method} {g.Key.Path}"));
        Assert.Equal(0, all.OtherGroups);
    }

    [Fact]
    public void Compute_GroupsMissingHostOrPath_AndGroupsWithoutAnyResponse()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write(
            "s",
            Row(1, host: null, uri: "/a", durationNs: 4 * Ms),
            Row(2, host: null, uri: "/a", status: null),
            Row(3, host: "h.test", uri: null, status: null),
            Row(4, host: "h.test", uri: null, status: null),
            Row(5, host: "h.test", uri: "/neg", durationNs: -5 * Ms));

        var groups = new SessionStatsRepository(db.Database).Compute("s", top: 10).Groups.ToDictionary(g => g.Key);

        Assert.Equal(new DurationPercentiles(4 * Ms, 4 * Ms, 4 * Ms), groups[new(null, "GET", "/a")].Durations);
        Assert.Equal(1, groups[new(null, "GET", "/a")].Counts.NoResponse);
        Assert.Equal(default, groups[new("h.test", "GET", null)].Durations);
        Assert.Equal(2, groups[new("h.test", "GET", null)].Counts.NoResponse);

        // A response stamped before its request took 0, as the exchange's durationMs says.
        Assert.Equal(new DurationPercentiles(0, 0, 0), groups[new("h.test", "GET", "/neg")].Durations);
    }

    [Fact]
    public void Compute_CountsOnlyTheSessionsOwnExchanges_AndAnEmptySessionIsAllZeros()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.CreateSession("other");
        db.CreateSession("empty");
        db.Write("s", Row(1, durationNs: 7 * Ms));
        db.Write("other", Row(2, durationNs: 9 * Ms), Row(3));

        var repository = new SessionStatsRepository(db.Database);
        var stats = repository.Compute("s", top: 10);
        var empty = repository.Compute("empty", top: 10);

        Assert.Equal(1, stats.Counts.Count);
        Assert.Equal(7 * Ms, stats.Durations.P99Ns);
        Assert.Equal(default, empty.Counts);
        Assert.Equal(default, empty.Durations);
        Assert.Empty(empty.Groups);
        Assert.Equal(0, empty.OtherGroups);
    }

    [Fact]
    public void Compute_MatchesSortingEveryGroupInMemory_OnRandomTraffic()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        var random = new Random(4242);
        int?[] statuses = [200, 200, 200, 301, 404, 500, 503, null];
        var rows = Enumerable.Range(0, 3_000).Select(i => Row(
                i,
                host: $"h{random.Next(4)}.test",
                uri: $"/p{(int)Math.Sqrt(random.Next(400))}",
                status: statuses[random.Next(statuses.Length)],
                method: random.Next(5) == 0 ? "POST" : "GET",
                durationNs: random.Next(1, 500) * (Ms / 10)))
            .ToList();
        db.Write("s", [.. rows]);

        var stats = new SessionStatsRepository(db.Database).Compute("s", top: 7);

        var expected = rows.GroupBy(r => new ExchangeGroupKey(r.Exchange.Host, r.Exchange.Method, r.Exchange.Path))
            .Select(g => (g.Key, Count: (long)g.Count(), Durations: Percentiles(g.Select(r => r.Exchange))))
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.Key.Host, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Method, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Path, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected.Take(7), stats.Groups.Select(g => (g.Key, g.Counts.Count, g.Durations)));
        Assert.Equal(expected.Count - 7, stats.OtherGroups);
        Assert.Equal(expected.Skip(7).Sum(g => g.Count), stats.OtherExchanges);
        Assert.Equal(Percentiles(rows.Select(r => r.Exchange)), stats.Durations);
        Assert.Equal(rows.Count(r => r.Exchange.Status is null), stats.Counts.NoResponse);
    }

    [Fact]
    public void Explain_BothPassesFindTheSessionsRowsThroughItsIndex()
    {
        using var db = new TempDatabase();

        var plan = new SessionStatsRepository(db.Database).Explain("s");

        Assert.Equal(2, plan.Count(step => step.Contains("USING INDEX ix_exchanges_session_started (session_id=?)", StringComparison.Ordinal)));
        Assert.Contains(plan, step => step.Contains("TEMP B-TREE FOR GROUP BY", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(SessionStatsRepository.MaxTop + 1)]
    public void Compute_RefusesATopOutOfRange(int top)
    {
        using var db = new TempDatabase();

        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionStatsRepository(db.Database).Compute("s", top));
    }

    /// <summary>Nearest rank by sorting, the obvious way.</summary>
    private static DurationPercentiles Percentiles(IEnumerable<ExchangeRecord> exchanges)
    {
        var sorted = exchanges.Where(e => e.Status is not null).Select(e => Math.Max(0, e.EndedNs - e.StartedNs)).Order().ToList();
        long? At(int percent) => sorted.Count == 0 ? null : sorted[(int)Math.Ceiling(percent * sorted.Count / 100.0) - 1];
        return new DurationPercentiles(At(50), At(95), At(99));
    }
}
