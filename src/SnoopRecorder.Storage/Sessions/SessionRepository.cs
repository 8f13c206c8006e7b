using Dapper;
using SnoopRecorder.Storage.Database;

namespace SnoopRecorder.Storage.Sessions;

/// <summary>Reads and writes <c>sessions</c> rows.</summary>
public sealed class SessionRepository(SnoopDatabase database)
{
    private const string SelectColumns = """
        SELECT id AS Id, kind AS Kind, status AS Status, name AS Name, created_at_ms AS CreatedAtMs,
               ended_at_ms AS EndedAtMs, packets AS Packets, bytes AS Bytes, exchanges AS Exchanges,
               connections AS Connections, skipped_packets AS SkippedPackets, dropped AS Dropped, error AS Error,
               capture_file AS CaptureFile, capture_format AS CaptureFormat, target AS Target,
               interface AS Interface, filter AS Filter, stop_reason AS StopReason, redacted AS Redacted,
               packets_stored AS PacketsStored, evicted_connections AS EvictedConnections
        FROM sessions
        """;

    private readonly SnoopDatabase _database = database;

    public void Insert(SessionRecord session)
    {
        using var connection = _database.OpenConnection();
        connection.Execute(
            """
            INSERT INTO sessions (id, kind, status, name, created_at_ms, ended_at_ms, packets, bytes, exchanges,
                                  connections, skipped_packets, dropped, error, capture_file, capture_format, target,
                                  interface, filter, stop_reason, redacted, packets_stored)
            VALUES (@Id, @Kind, @Status, @Name, @CreatedAtMs, @EndedAtMs, @Packets, @Bytes, @Exchanges,
                    @Connections, @SkippedPackets, @Dropped, @Error, @CaptureFile, @CaptureFormat, @Target,
                    @Interface, @Filter, @StopReason, @Redacted, @PacketsStored);
            """,
            new
            {
                session.Id,
                Kind = session.Kind.ToText(),
                Status = session.Status.ToText(),
                session.Name,
                session.CreatedAtMs,
                session.EndedAtMs,
                session.Packets,
                session.Bytes,
                session.Exchanges,
                session.Connections,
                session.SkippedPackets,
                session.Dropped,
                session.Error,
                session.CaptureFile,
                session.CaptureFormat,
                session.Target,
                session.Interface,
                session.Filter,
                session.StopReason,
                session.Redacted,
                session.PacketsStored,
            });
    }

    public SessionRecord? Get(string id)
    {
        using var connection = _database.OpenConnection();
        return connection.QuerySingleOrDefault<SessionRecord>($"{SelectColumns} WHERE id = @Id;", new { Id = id });
    }

    /// <summary>Sessions newest first.</summary>
    public IReadOnlyList<SessionRecord> List(int limit)
    {
        using var connection = _database.OpenConnection();
        return connection.Query<SessionRecord>(
            $"{SelectColumns} ORDER BY created_at_ms DESC, id DESC LIMIT @Limit;",
            new { Limit = limit }).AsList();
    }

    /// <summary>Writes the final status and counters; returns false when the session no longer exists.</summary>
    public bool Complete(string id, SessionOutcome outcome)
    {
        using var connection = _database.OpenConnection();
        return connection.Execute(
            """
            UPDATE sessions
            SET status = @Status, ended_at_ms = @EndedAtMs, packets = @Packets, bytes = @Bytes, exchanges = @Exchanges,
                connections = @Connections, skipped_packets = @SkippedPackets, dropped = @Dropped, error = @Error,
                stop_reason = @StopReason, evicted_connections = @EvictedConnections
            WHERE id = @Id;
            """,
            new
            {
                Id = id,
                Status = outcome.Status.ToText(),
                outcome.EndedAtMs,
                outcome.Packets,
                outcome.Bytes,
                outcome.Exchanges,
                outcome.Connections,
                outcome.SkippedPackets,
                outcome.Dropped,
                outcome.Error,
                outcome.StopReason,
                outcome.EvictedConnections,
            }) > 0;
    }

    /// <summary>
    /// The running packet counters of a live session. Exchanges and connections are counted by the batch writer in
    /// the transactions that store them, so they are not touched here.
    /// </summary>
    public void UpdateProgress(string id, long packets, long bytes, long skippedPackets, long dropped, long evictedConnections = 0)
    {
        using var connection = _database.OpenConnection();
        connection.Execute(
            """
            UPDATE sessions SET packets = @Packets, bytes = @Bytes, skipped_packets = @SkippedPackets, dropped = @Dropped,
                                evicted_connections = @EvictedConnections
            WHERE id = @Id;
            """,
            new { Id = id, Packets = packets, Bytes = bytes, SkippedPackets = skippedPackets, Dropped = dropped, EvictedConnections = evictedConnections });
    }

    /// <summary>
    /// Marks sessions that were analysing or recording when the service stopped as interrupted; run at start-up only.
    /// </summary>
    public int InterruptUnfinished(long nowMs, string error, string stopReason)
    {
        using var connection = _database.OpenConnection();
        return connection.Execute(
            """
            UPDATE sessions
            SET status = 'interrupted', ended_at_ms = @NowMs, error = COALESCE(error, @Error),
                stop_reason = CASE WHEN kind = 'live' THEN COALESCE(stop_reason, @StopReason) END
            WHERE status IN ('analyzing', 'recording');
            """,
            new { NowMs = nowMs, Error = error, StopReason = stopReason });
    }

    /// <summary>
    /// Sessions created with storePackets=false that have ended but still name a capture file: the file was not deleted
    /// yet (the service stopped first) or could not be.
    /// </summary>
    public IReadOnlyList<SessionRecord> ListUnkeptCaptures()
    {
        using var connection = _database.OpenConnection();
        return connection.Query<SessionRecord>(
            $"{SelectColumns} WHERE packets_stored = 0 AND capture_file IS NOT NULL AND status NOT IN ('analyzing', 'recording');").AsList();
    }

    /// <summary>Records that the session's capture file is gone (deleted because the session keeps no packets).</summary>
    public void ForgetCaptureFile(string id)
    {
        using var connection = _database.OpenConnection();
        connection.Execute("UPDATE sessions SET capture_file = NULL WHERE id = @Id;", new { Id = id });
    }

    /// <summary>
    /// Ids of the sessions created before <paramref name="createdBeforeMs"/> (Unix milliseconds) that are neither
    /// recording nor being analysed, oldest first: what the retention sweep deletes.
    /// </summary>
    public IReadOnlyList<string> ListFinishedCreatedBefore(long createdBeforeMs)
    {
        using var connection = _database.OpenConnection();
        return connection.Query<string>(
            """
            SELECT id FROM sessions
            WHERE created_at_ms < @CreatedBeforeMs AND status NOT IN ('analyzing', 'recording')
            ORDER BY created_at_ms, id;
            """,
            new { CreatedBeforeMs = createdBeforeMs }).AsList();
    }

    /// <summary>Deletes the session with its connections, exchanges and bodies; returns false when there was none.</summary>
    public bool Delete(string id)
    {
        using var connection = _database.OpenConnection();
        var deleted = connection.Execute("DELETE FROM sessions WHERE id = @Id;", new { Id = id }) > 0;
        File.Delete(_database.BodyFilePath(id));
        return deleted;
    }
}
