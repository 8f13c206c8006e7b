using System.Diagnostics;
using SnoopRecorder.Api.Redaction;
using SnoopRecorder.Api.Sessions;
using SnoopRecorder.Api.Storage;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Storage.Database;
using SnoopRecorder.Storage.Exchanges;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Imports;

/// <summary>
/// Analyses one stored capture into its session: exchanges and connections written in batches by one writer, then the
/// final status and counters. Never throws for a bad file: a break midway ends the session <c>failed</c> with every
/// exchange found before it kept; a file libpcap refuses removes the session and its file. The session's privacy
/// settings apply here: its headers are redacted unless it was created with redact=false, and its capture file is
/// deleted once analysed, whatever the outcome, when it was created with storePackets=false.
/// </summary>
public sealed partial class CaptureImporter(
    ICaptureFileAnalyzer analyzer,
    SnoopDatabase database,
    SessionRepository sessions,
    CaptureStore store,
    HeaderRedactor redactor,
    DiskReserve reserve,
    TimeProvider timeProvider,
    ILogger<CaptureImporter> logger)
{
    public ImportOutcome Run(string sessionId, string captureFile, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        // A session that cannot be read here is redacted and keeps its file: the safe reading of what was not said.
        var privacy = sessions.Get(sessionId) is { } created ? new SessionPrivacy(created.Redacted, created.PacketsStored) : SessionPrivacy.Default;
        using var writer = new ExchangeBatchWriter(database, sessionId);
        var sink = new StoringAnalysisSink(writer, sessionId, privacy.Redact ? redactor : null);
        SessionOutcome outcome;
        try
        {
            var result = analyzer.Analyze(store.PathOf(captureFile), sink, cancellationToken);
            writer.Flush();
            outcome = Outcome(result.Error is null ? SessionStatus.Completed : SessionStatus.Failed, writer, result.Error) with
            {
                Packets = result.Packets,
                Bytes = result.Bytes,
                SkippedPackets = result.SkippedPackets,
                EvictedConnections = result.EvictedConnections,
            };
        }
        catch (InvalidCaptureFileException e)
        {
            sessions.Delete(sessionId);
            store.Delete(captureFile);
            Log.ImportRejected(logger, sessionId, e.Message);
            return new ImportOutcome(null, e.Message, timeProvider.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            TryFlush(writer);
            outcome = Outcome(SessionStatus.Interrupted, writer, DatabaseStartup.InterruptedError);
            Log.ImportInterrupted(logger, sessionId, writer.ExchangesWritten);
        }
        catch (Exception e)
        {
            TryFlush(writer);
            outcome = Outcome(SessionStatus.Failed, writer, $"the analysis failed unexpectedly: {e.Message}");
            Log.ImportCrashed(logger, sessionId, e);
        }

        if (!privacy.StorePackets)
        {
            UnkeptCapture.Discard(sessions, sessionId, store.PathOf(captureFile), logger);
        }

        if (outcome.Status == SessionStatus.Failed)
        {
            // The failure may be a full disk: room for the final state first.
            reserve.Release();
        }

        sessions.Complete(sessionId, outcome);
        var elapsed = timeProvider.GetElapsedTime(started);
        if (outcome.Status == SessionStatus.Completed)
        {
            Log.ImportCompleted(logger, sessionId, outcome.Packets, outcome.Exchanges, outcome.Connections, elapsed.TotalSeconds);
        }
        else if (outcome.Status == SessionStatus.Failed)
        {
            Log.ImportFailed(logger, sessionId, outcome.Packets, outcome.Exchanges, outcome.Error);
        }

        return new ImportOutcome(sessions.Get(sessionId), null, elapsed);
    }

    private SessionOutcome Outcome(SessionStatus status, ExchangeBatchWriter writer, string? error) => new()
    {
        Status = status,
        EndedAtMs = timeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
        Exchanges = writer.ExchangesWritten,
        Connections = writer.ConnectionsWritten,
        Error = error,
    };

    private static void TryFlush(ExchangeBatchWriter writer)
    {
        try
        {
            // Keep what was found before the failure.
            writer.Flush();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Debug.WriteLine(e);
        }
    }
}
