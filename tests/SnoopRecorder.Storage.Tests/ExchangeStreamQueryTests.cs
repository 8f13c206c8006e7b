using SnoopRecorder.Storage.Exchanges;
using static SnoopRecorder.Storage.Tests.ExchangeRows;

namespace SnoopRecorder.Storage.Tests;

public sealed class ExchangeStreamQueryTests
{
    [Fact]
    public void LastId_IsZeroOnAnEmptyStore_ThenTheLastStoredExchange()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        Assert.Equal(0, db.Exchanges.LastId());

        db.Write("s", Row(5), Row(1));

        Assert.Equal(2, db.Exchanges.LastId());
    }

    [Fact]
    public void QueryStoredAfter_ReturnsLaterMatchesInStorageOrder_NotRequestTimeOrder()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write("s", Row(50, host: "a.test"), Row(40, host: "b.test"), Row(30, host: "a.test"), Row(20, host: "a.test"), Row(10, host: "a.test"));

        var after = db.Exchanges.QueryStoredAfter(new ExchangeQuery { Host = Host("a.test") }, afterId: 1);
        var firstTwo = db.Exchanges.QueryStoredAfter(new ExchangeQuery { Host = Host("a.test"), Limit = 2 }, afterId: 0);

        Assert.Equal([3L, 4L, 5L], after.Select(e => e.Id));
        Assert.Equal([1L, 3L], firstTwo.Select(e => e.Id));
    }

    [Fact]
    public void QueryStoredAfter_AppliesEveryFilter_WildcardHostsIncluded()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.CreateSession("t");
        db.Write("s", Row(1, host: "x.example.com", status: 500), Row(2, host: "example.com", status: 500), Row(3, host: "y.example.com", status: 200));
        db.Write("t", Row(4, host: "z.example.com", status: 503));
        Assert.True(HostFilter.TryParse("*.example.com", out var wildcard));
        Assert.True(StatusFilter.TryParse("5xx", out var errors));

        var all = db.Exchanges.QueryStoredAfter(new ExchangeQuery { Host = wildcard, Status = errors }, afterId: 0);
        var session = db.Exchanges.QueryStoredAfter(new ExchangeQuery { Host = wildcard, Status = errors, SessionId = "s" }, afterId: 0);

        Assert.Equal([1L, 4L], all.Select(e => e.Id));
        Assert.Equal([1L], session.Select(e => e.Id));
    }

    [Fact]
    public void QueryStoredAfter_SeeksTheRowidPastTheLastId_WhateverTheFilters()
    {
        using var db = new TempDatabase();
        Assert.True(StatusFilter.TryParse("5xx", out var errors));

        var plan = db.Exchanges.ExplainStoredAfter(new ExchangeQuery { Host = Host("a.test"), Status = errors, SessionId = "s" }, afterId: 10);

        var step = Assert.Single(plan);
        Assert.Contains("USING INTEGER PRIMARY KEY (rowid>?)", step, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryStoredAfter_RefusesACursor()
    {
        using var db = new TempDatabase();

        Assert.Throws<ArgumentException>(() => db.Exchanges.QueryStoredAfter(new ExchangeQuery { After = new ExchangeCursor(1, 1) }, afterId: 0));
    }

    [Fact]
    public async Task ExchangeFeed_WakesAReaderWhenABatchOfExchangesCommits()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        var commit = db.Database.ExchangeFeed.NextCommit;
        Assert.False(commit.IsCompleted);

        db.Write("s", Row(1));

        await commit.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(db.Database.ExchangeFeed.NextCommit.IsCompleted);
    }

    private static HostFilter Host(string text)
    {
        Assert.True(HostFilter.TryParse(text, out var host));
        return host!;
    }
}
