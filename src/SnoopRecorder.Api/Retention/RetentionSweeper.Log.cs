using SnoopRecorder.Api.Hosting;

namespace SnoopRecorder.Api.Retention;

internal sealed partial class RetentionSweeper
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.RetentionSwept, Level = LogLevel.Information,
            Message = "Retention sweep: deleted {Deleted} session(s) created before {Cutoff:u} (Snoop:RetentionDays = {Days}); {Left} could not be deleted")]
        public static partial void Swept(ILogger logger, int deleted, DateTimeOffset cutoff, int days, int left);

        [LoggerMessage(EventId = EventIds.RetentionSessionNotDeleted, Level = LogLevel.Warning,
            Message = "Retention sweep: session {SessionId} could not be deleted; the next sweep tries again")]
        public static partial void SessionNotDeleted(ILogger logger, string sessionId, Exception exception);

        [LoggerMessage(EventId = EventIds.RetentionSweepFailed, Level = LogLevel.Error, Message = "Retention sweep failed; the next one tries again")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
