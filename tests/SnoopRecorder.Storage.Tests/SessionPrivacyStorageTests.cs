using Dapper;
using SnoopRecorder.Storage.Migrations;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Storage.Tests;

/// <summary>The <c>redacted</c> and <c>packets_stored</c> columns of sessions (migration 0003).</summary>
public sealed class SessionPrivacyStorageTests
{
    [Fact]
    public void Migration_SessionsStoredBeforeIt_ReadAsNotRedactedWithTheirPacketsKept()
    {
        using var db = new TempDatabase(migrate: false);
        var embedded = EmbeddedMigrations.Load();
        new MigrationRunner(db.Database, [.. embedded.Where(m => m.Version < 3)]).ApplyPending();
        using (var connection = db.Database.OpenConnection())
        {
            connection.Execute(
                """
                INSERT INTO sessions (id, kind, status, created_at_ms, capture_file, capture_format)
                VALUES ('old', 'import', 'completed', 1, 'old.pcap', 'pcap');
                """);
        }

        new MigrationRunner(db.Database, embedded).ApplyPending();

        var session = db.Sessions.Get("old")!;
        // Stored before redaction existed: its headers are as captured, and the API must not claim otherwise.
        Assert.False(session.Redacted);
        Assert.True(session.PacketsStored);
        Assert.Equal("old.pcap", session.CaptureFile);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Insert_TheFlags_ReadBackAsWritten(bool redacted, bool packetsStored)
    {
        using var db = new TempDatabase();

        db.Sessions.Insert(Session("s1", SessionStatus.Analyzing) with { Redacted = redacted, PacketsStored = packetsStored });

        var session = db.Sessions.Get("s1")!;
        Assert.Equal((redacted, packetsStored), (session.Redacted, session.PacketsStored));
    }

    [Fact]
    public void ListUnkeptCaptures_IsEndedSessionsWithoutPacketsThatStillNameAFile()
    {
        using var db = new TempDatabase();
        db.Sessions.Insert(Session("ended", SessionStatus.Interrupted) with { PacketsStored = false });
        db.Sessions.Insert(Session("running", SessionStatus.Recording) with { PacketsStored = false });
        db.Sessions.Insert(Session("analyzing", SessionStatus.Analyzing) with { PacketsStored = false });
        db.Sessions.Insert(Session("kept", SessionStatus.Completed));
        db.Sessions.Insert(Session("forgotten", SessionStatus.Completed) with { PacketsStored = false, CaptureFile = null });

        Assert.Equal(["ended"], db.Sessions.ListUnkeptCaptures().Select(s => s.Id));

        db.Sessions.ForgetCaptureFile("ended");

        Assert.Empty(db.Sessions.ListUnkeptCaptures());
        Assert.Null(db.Sessions.Get("ended")!.CaptureFile);
        Assert.Equal("kept.pcap", db.Sessions.Get("kept")!.CaptureFile);
    }

    private static SessionRecord Session(string id, SessionStatus status) => new()
    {
        Id = id,
        Kind = SessionKind.Import,
        Status = status,
        CreatedAtMs = 1,
        CaptureFile = $"{id}.pcap",
        CaptureFormat = "pcap",
        Redacted = true,
    };
}
