using Microsoft.AspNetCore.Http.HttpResults;
using SnoopRecorder.Api.Hosting;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Sessions;

/// <summary>
/// The capture file of a session created with storePackets=false: it exists only as long as the analysis reads it
/// (an upload until it is analysed, a live capture until the session ends, whatever the outcome), is then deleted and
/// forgotten by the session row. A service that stopped before deleting it deletes it at its next start. Downloads of
/// such a session's packets are refused with 410 (<see cref="Gone"/>), also while a live one still has its file.
/// </summary>
internal static partial class UnkeptCapture
{
    /// <summary>Deletes the file and clears the session's <c>capture_file</c>; a file that cannot be deleted now stays
    /// named, for the next start to try again.</summary>
    public static void Discard(SessionRepository sessions, string sessionId, string path, ILogger logger)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A missing folder means no file: that is what was wanted.
            if (File.Exists(path))
            {
                Log.DiscardFailed(logger, sessionId, path, e.Message);
                return;
            }
        }

        sessions.ForgetCaptureFile(sessionId);
        Log.Discarded(logger, sessionId);
    }

    /// <summary>The answer to a download of the packets of a session that keeps none.</summary>
    public static ProblemHttpResult Gone(string sessionId) => TypedResults.Problem(
        statusCode: StatusCodes.Status410Gone,
        title: "Packets not stored",
        detail: $"session '{sessionId}' was created with storePackets=false: its packets were analysed and not kept, so "
            + "there is no capture to download (its exchanges, bodies, transcripts and HAR remain); to export the "
            + "packets of other sessions, filter by 'session'");

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.CaptureDiscarded, Level = LogLevel.Information,
            Message = "Capture of session {SessionId} deleted: the session was created with storePackets=false")]
        public static partial void Discarded(ILogger logger, string sessionId);

        [LoggerMessage(EventId = EventIds.CaptureDiscardFailed, Level = LogLevel.Warning,
            Message = "Capture of session {SessionId} ({Path}) could not be deleted, it will be tried again at the next start: {Reason}")]
        public static partial void DiscardFailed(ILogger logger, string sessionId, string path, string reason);
    }
}
