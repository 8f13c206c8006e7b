using Dapper;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Storage.Tests;

public sealed class SessionRepositoryTests
{
    [Fact]
    public void Insert_ThenGet_ReturnsTheSameSession()
    {
        using var db = new TempDatabase();
        var created = db.CreateSession("abc123");

        var read = db.Sessions.Get("abc123");

        Assert.Equal(created, read);
    }

    [Fact]
    public void Get_UnknownId_ReturnsNull()
    {
        using var db = new TempDatabase();

        Assert.Null(db.Sessions.Get("nope"));
    }

    [Fact]
    public void Insert_StoresKindAndStatusAsLowercaseText()
    {
        using var db = new TempDatabase();
        db.CreateSession("s1", SessionStatus.Analyzing);

        using var connection = db.Database.OpenConnection();
        var row = connection.QuerySingle<(string Kind, string Status)>("SELECT kind, status FROM sessions WHERE id = 's1';");

        Assert.Equal(("import", "analyzing"), row);
    }

    [Fact]
    public void Complete_WritesStatusCountersAndError()
    {
        using var db = new TempDatabase();
        db.CreateSession("s1");

        var updated = db.Sessions.Complete("s1", new SessionOutcome
        {
            Status = SessionStatus.Failed,
            EndedAtMs = 1_700_000_001_000,
            Packets = 42,
            Bytes = 4_200,
            Exchanges = 3,
            Connections = 2,
            Error = "truncated record at packet 43",
        });

        Assert.True(updated);
        var session = db.Sessions.Get("s1")!;
        Assert.Equal(SessionStatus.Failed, session.Status);
        Assert.Equal(1_700_000_001_000, session.EndedAtMs);
        Assert.Equal((42L, 4_200L, 3L, 2L), (session.Packets, session.Bytes, session.Exchanges, session.Connections));
        Assert.Equal("truncated record at packet 43", session.Error);
        Assert.False(db.Sessions.Complete("missing", new SessionOutcome { Status = SessionStatus.Completed, EndedAtMs = 1 }));
    }

    [Fact]
    public void List_ReturnsNewestFirst()
    {
        using var db = new TempDatabase();
        db.CreateSession("old", createdAtMs: 1_000);
        db.CreateSession("new", createdAtMs: 3_000);
        db.CreateSession("mid", createdAtMs: 2_000);

        Assert.Equal(["new", "mid", "old"], db.Sessions.List(10).Select(s => s.Id));
        Assert.Equal(["new"], db.Sessions.List(1).Select(s => s.Id));
    }

    [Fact]
    public void InterruptUnfinished_MarksOnlyAnalyzingAndRecordingSessions()
    {
        using var db = new TempDatabase();
        db.CreateSession("analyzing", SessionStatus.Analyzing);
        db.CreateSession("recording", SessionStatus.Recording);
        db.CreateSession("done", SessionStatus.Completed);

        var count = db.Sessions.InterruptUnfinished(5_000, "the service stopped", StopReasons.ServiceStopped);

        Assert.Equal(2, count);
        Assert.Equal(SessionStatus.Interrupted, db.Sessions.Get("analyzing")!.Status);
        Assert.Equal("the service stopped", db.Sessions.Get("recording")!.Error);
        Assert.Equal(5_000, db.Sessions.Get("recording")!.EndedAtMs);
        Assert.Null(db.Sessions.Get("analyzing")!.StopReason);
        Assert.Equal(SessionStatus.Completed, db.Sessions.Get("done")!.Status);
    }

    [Fact]
    public void Delete_RemovesTheSessionWithItsExchangesBodiesAndConnections()
    {
        using var db = new TempDatabase();
        db.CreateSession("gone");
        db.CreateSession("kept");
        db.Write("gone", TempDatabase.Exchange(100));
        db.Write("kept", TempDatabase.Exchange(200));

        Assert.True(db.Sessions.Delete("gone"));

        using var connection = db.Database.OpenConnection();
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM exchanges;"));
        Assert.False(File.Exists(db.Database.BodyFilePath("gone")), "the deleted session's body file is removed");
        Assert.True(File.Exists(db.Database.BodyFilePath("kept")), "the other session's body file is kept");
        Assert.False(db.Sessions.Delete("gone"));
    }
}
