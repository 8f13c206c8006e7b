using Dapper;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Storage.Tests;

public sealed class ExchangeRepositoryTests
{
    [Fact]
    public void Get_ReturnsRowHeadersInOrderAndTheStoredBody()
    {
        using var db = new TempDatabase();
        db.CreateSession("s1");
        var write = TempDatabase.Exchange(1_000) with
        {
            Headers = new ExchangeHeaders
            {
                RequestHeaders = [new("Host", "example.com"), new("X-Dup", "1"), new("x-dup", "2")],
                ResponseHeaders = [new("Content-Length", "2")],
                ResponseTrailers = [new("Checksum", "abc")],
                InterimStatuses = [100, 103],
            },
        };
        db.Write("s1", write);
        var id = db.Exchanges.Query(new ExchangeQuery()).Items.Single().Id;

        var detail = db.Exchanges.Get(id)!;

        Assert.Equal(write.Exchange with { Id = id, SessionId = "s1" }, detail.Exchange);
        Assert.Equal(["Host", "X-Dup", "x-dup"], detail.Headers.RequestHeaders.Select(h => h.Name));
        Assert.Equal(["example.com", "1", "2"], detail.Headers.RequestHeaders.Select(h => h.Value));
        Assert.Equal([new HeaderRecord("Checksum", "abc")], detail.Headers.ResponseTrailers);
        Assert.Equal([100, 103], detail.Headers.InterimStatuses);
        Assert.Equal("ok"u8.ToArray(), db.Exchanges.GetBody(id, BodySide.Response));
        Assert.Empty(db.Exchanges.GetBody(id, BodySide.Request));
        Assert.Null(db.Exchanges.Get(id + 1));
    }

    [Fact]
    public void BatchWriter_WritesInBatchesAndKeepsTheSessionCounterCurrent()
    {
        using var db = new TempDatabase();
        db.CreateSession("s1");
        using var writer = new ExchangeBatchWriter(db.Database, "s1");

        for (var i = 0; i < ExchangeBatchWriter.MaxBatchExchanges + 1; i++)
        {
            writer.Add(TempDatabase.Exchange(i));
        }

        // The first full batch is committed and counted by the writer thread without waiting for the flush; the
        // 501st exchange waits for the next batch.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (db.Sessions.Get("s1")!.Exchanges == 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        Assert.Equal(ExchangeBatchWriter.MaxBatchExchanges, db.Sessions.Get("s1")!.Exchanges);
        writer.Add(TempDatabase.Connection(1));
        writer.Flush();
        Assert.Equal(ExchangeBatchWriter.MaxBatchExchanges + 1, writer.ExchangesWritten);
        Assert.Equal(ExchangeBatchWriter.MaxBatchExchanges + 1, db.Sessions.Get("s1")!.Exchanges);
        Assert.Equal(1, db.Sessions.Get("s1")!.Connections);
        using var connection = db.Database.OpenConnection();
        Assert.Equal(9, connection.ExecuteScalar<long>("SELECT last_packet_index FROM connections WHERE session_id = 's1';"));
    }

    [Fact]
    public void BatchWriter_FailureOnTheWriterThread_SurfacesAtFlush()
    {
        using var db = new TempDatabase();
        using var writer = new ExchangeBatchWriter(db.Database, "no-such-session");
        writer.Add(TempDatabase.Exchange(1));

        var error = Assert.Throws<InvalidOperationException>(writer.Flush);
        Assert.Contains("FOREIGN KEY", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, writer.ExchangesWritten);
    }

    [Fact]
    public void Query_FiltersBySession()
    {
        using var db = new TempDatabase();
        db.CreateSession("a");
        db.CreateSession("b");
        db.Write("a", TempDatabase.Exchange(1), TempDatabase.Exchange(2));
        db.Write("b", TempDatabase.Exchange(3));

        Assert.Equal(2, db.Exchanges.Query(new ExchangeQuery { SessionId = "a" }).Items.Count);
        Assert.Single(db.Exchanges.Query(new ExchangeQuery { SessionId = "b" }).Items);
        Assert.Empty(db.Exchanges.Query(new ExchangeQuery { SessionId = "unknown" }).Items);
    }

    [Theory]
    [InlineData("example.com", new long[] { 1, 2, 3 })]
    [InlineData("EXAMPLE.Com", new long[] { 1, 2, 3 })]
    [InlineData("example.com:8080", new long[] { 2 })]
    [InlineData("example.com:80", new long[] { 1, 3 })]
    [InlineData("other.org", new long[] { 4 })]
    [InlineData("[2001:db8::1]", new long[] { 5 })]
    [InlineData("[2001:db8::1]:81", new long[] { 5 })]
    [InlineData("example", new long[0])]
    public void Query_HostMatchesCaseInsensitivelyWithOrWithoutPort(string host, long[] expectedStarts)
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write(
            "s",
            TempDatabase.Exchange(1, host: "Example.COM"),
            TempDatabase.Exchange(2, host: "example.com:8080"),
            TempDatabase.Exchange(3, host: "example.com:80"),
            TempDatabase.Exchange(4, host: "other.org"),
            TempDatabase.Exchange(5, host: "[2001:DB8::1]:81"),
            TempDatabase.Exchange(6, host: null));
        Assert.True(HostFilter.TryParse(host, out var filter));

        var page = db.Exchanges.Query(new ExchangeQuery { Host = filter });

        Assert.Equal(expectedStarts, page.Items.Select(e => e.StartedNs));
    }

    [Theory]
    [InlineData("/api/items", new long[] { 1 })]
    [InlineData("/api/*", new long[] { 1, 2, 3, 4 })]
    [InlineData("/api/it*", new long[] { 1, 2 })]
    [InlineData("/API/*", new long[] { 7 })]
    [InlineData("/100%*", new long[] { 5 })]
    [InlineData("/a_b*", new long[] { 6 })]
    [InlineData("/api", new long[0])]
    [InlineData("*", new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 })]
    [InlineData("/ü*", new long[] { 9 })]
    public void Query_PathIsExactOrAPrefixWithoutWildcardsInside(string path, long[] expectedStarts)
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write(
            "s",
            TempDatabase.Exchange(1, path: "/api/items"),
            TempDatabase.Exchange(2, path: "/api/items/7"),
            TempDatabase.Exchange(3, path: "/api/"),
            TempDatabase.Exchange(4, path: "/api/z"),
            TempDatabase.Exchange(5, path: "/100%/x"),
            TempDatabase.Exchange(6, path: "/a_b"),
            TempDatabase.Exchange(7, path: "/API/items"),
            TempDatabase.Exchange(8, path: "/axb"),
            TempDatabase.Exchange(9, path: "/ü/x"),
            TempDatabase.Exchange(10, path: null));
        Assert.True(PathFilter.TryParse(path, out var filter));

        var page = db.Exchanges.Query(new ExchangeQuery { Path = filter });

        Assert.Equal(expectedStarts, page.Items.Select(e => e.StartedNs));
    }

    [Theory]
    [InlineData("404", new long[] { 2 })]
    [InlineData("5xx", new long[] { 3, 4 })]
    [InlineData("5XX", new long[] { 3, 4 })]
    [InlineData("2xx", new long[] { 1 })]
    [InlineData("301", new long[0])]
    public void Query_StatusIsACodeOrAClass(string status, long[] expectedStarts)
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write(
            "s",
            TempDatabase.Exchange(1, status: 200),
            TempDatabase.Exchange(2, status: 404),
            TempDatabase.Exchange(3, status: 500),
            TempDatabase.Exchange(4, status: 599),
            TempDatabase.Exchange(5, status: null));
        Assert.True(StatusFilter.TryParse(status, out var filter));

        var page = db.Exchanges.Query(new ExchangeQuery { Status = filter });

        Assert.Equal(expectedStarts, page.Items.Select(e => e.StartedNs));
    }

    [Fact]
    public void Query_MethodIsExactAndCaseSensitive()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write("s", TempDatabase.Exchange(1, method: "GET"), TempDatabase.Exchange(2, method: "POST"), TempDatabase.Exchange(3, method: "get"));

        Assert.Equal([2L], db.Exchanges.Query(new ExchangeQuery { Method = new MethodFilter(["POST"]) }).Items.Select(e => e.StartedNs));
        Assert.Equal([1L], db.Exchanges.Query(new ExchangeQuery { Method = new MethodFilter(["GET"]) }).Items.Select(e => e.StartedNs));
    }

    [Fact]
    public void Query_FiltersCombineWithAnd()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write(
            "s",
            TempDatabase.Exchange(1, host: "a.com", path: "/x", status: 500),
            TempDatabase.Exchange(2, host: "a.com", path: "/y", status: 500),
            TempDatabase.Exchange(3, host: "b.com", path: "/x", status: 500),
            TempDatabase.Exchange(4, host: "a.com", path: "/x", status: 200));
        HostFilter.TryParse("a.com", out var host);
        PathFilter.TryParse("/x", out var path);
        StatusFilter.TryParse("5xx", out var status);

        var page = db.Exchanges.Query(new ExchangeQuery { SessionId = "s", Host = host, Path = path, Status = status });

        Assert.Equal([1L], page.Items.Select(e => e.StartedNs));
    }

    [Fact]
    public void Query_PagesAcrossEqualTimestampsByIdWithoutLossOrDuplicates()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        // Five exchanges share one timestamp, so the page boundary falls between rows with equal times.
        db.Write(
            "s",
            TempDatabase.Exchange(10),
            TempDatabase.Exchange(20),
            TempDatabase.Exchange(20),
            TempDatabase.Exchange(20),
            TempDatabase.Exchange(20),
            TempDatabase.Exchange(20),
            TempDatabase.Exchange(5),
            TempDatabase.Exchange(30));

        var seen = new List<ExchangeRecord>();
        ExchangeCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = db.Exchanges.Query(new ExchangeQuery { Limit = 3, After = cursor });
            seen.AddRange(page.Items);
            cursor = page.Next;
            pages++;
            if (cursor is not null)
            {
                Assert.True(ExchangeCursor.TryDecode(cursor.Value.Encode(), out var decoded));
                cursor = decoded;
            }
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(8, seen.Select(e => e.Id).Distinct().Count());
        Assert.Equal([5L, 10, 20, 20, 20, 20, 20, 30], seen.Select(e => e.StartedNs));
        Assert.Equal(seen.OrderBy(e => e.StartedNs).ThenBy(e => e.Id), seen);
    }

    [Fact]
    public void Query_LastPageExactlyFull_HasNoNextCursor()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write("s", TempDatabase.Exchange(1), TempDatabase.Exchange(2));

        var page = db.Exchanges.Query(new ExchangeQuery { Limit = 2 });

        Assert.Equal(2, page.Items.Count);
        Assert.Null(page.Next);
    }

    [Fact]
    public void Query_CursorStaysValidWhenEarlierExchangesAreInserted()
    {
        using var db = new TempDatabase();
        db.CreateSession("s");
        db.Write("s", TempDatabase.Exchange(10), TempDatabase.Exchange(20), TempDatabase.Exchange(30));
        var first = db.Exchanges.Query(new ExchangeQuery { Limit = 2 });

        db.Write("s", TempDatabase.Exchange(1), TempDatabase.Exchange(40));
        var second = db.Exchanges.Query(new ExchangeQuery { Limit = 2, After = first.Next });

        Assert.Equal([30L, 40], second.Items.Select(e => e.StartedNs));
    }

    [Fact]
    public void Query_UsesTheIndexesForSessionHostPathAndStatus()
    {
        using var db = new TempDatabase();
        using var connection = db.Database.OpenConnection();
        string Plan(string where) => string.Join(
            " | ",
            connection.Query($"EXPLAIN QUERY PLAN SELECT id FROM exchanges WHERE {where} ORDER BY started_ns, id;")
                .Select(row => (string)row.detail));

        Assert.Contains("ix_exchanges_session_started", Plan("session_id = 'x'"), StringComparison.Ordinal);
        Assert.Contains("ix_exchanges_host_started", Plan("host_name = 'x'"), StringComparison.Ordinal);
        Assert.Contains("ix_exchanges_path_started", Plan("path >= '/a' AND path < '/b'"), StringComparison.Ordinal);
        Assert.Contains("ix_exchanges_status_started", Plan("status BETWEEN 500 AND 599"), StringComparison.Ordinal);
        Assert.Contains("ix_exchanges_started", Plan("1 = 1"), StringComparison.Ordinal);
    }

    [Fact]
    public void BatchWriter_BodiesLargerThanItsChunksAndBatchesReadBackByteForByte()
    {
        using var db = new TempDatabase();
        db.CreateSession("s1");
        var random = new Random(7);
        // Bodies of odd sizes around the chunk size, more of them than one batch holds by bytes, so that bodies
        // straddle chunks and batches are handed for their bytes rather than their count.
        var sizes = new[] { 1, BatchBodies.ChunkBytes - 1, BatchBodies.ChunkBytes + 3, 70_000, BatchBodies.ChunkBytes * 2, 5 };
        var bodies = Enumerable.Range(0, 24).Select(i =>
        {
            var body = new byte[sizes[i % sizes.Length]];
            random.NextBytes(body);
            return body;
        }).ToArray();
        Assert.True(bodies.Sum(b => (long)b.Length) > 2 * ExchangeBatchWriter.MaxBatchBodyBytes);

        using (var writer = new ExchangeBatchWriter(db.Database, "s1"))
        {
            for (var i = 0; i < bodies.Length; i++)
            {
                var write = TempDatabase.Exchange(i);
                writer.Add(write with { RequestBody = bodies[i], ResponseBody = bodies[^(i + 1)] });
            }

            writer.Flush();
        }

        var ids = db.Exchanges.Query(new ExchangeQuery()).Items.Select(e => e.Id).ToArray();
        Assert.Equal(bodies.Length, ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Equal(bodies[i], db.Exchanges.GetBody(ids[i], BodySide.Request));
            Assert.Equal(bodies[^(i + 1)], db.Exchanges.GetBody(ids[i], BodySide.Response));
        }
    }
}
