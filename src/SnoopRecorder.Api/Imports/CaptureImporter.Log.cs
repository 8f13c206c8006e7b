using SnoopRecorder.Api.Hosting;

namespace SnoopRecorder.Api.Imports;

public sealed partial class CaptureImporter
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.ImportCompleted, Level = LogLevel.Information,
            Message = "Import {SessionId} completed: {Packets} packets, {Exchanges} exchanges, {Connections} connections in {Seconds:F2} s")]
        public static partial void ImportCompleted(ILogger logger, string sessionId, long packets, long exchanges, long connections, double seconds);

        [LoggerMessage(EventId = EventIds.ImportFailed, Level = LogLevel.Warning,
            Message = "Import {SessionId} failed after {Packets} packets and {Exchanges} exchanges: {Error}")]
        public static partial void ImportFailed(ILogger logger, string sessionId, long packets, long exchanges, string? error);

        [LoggerMessage(EventId = EventIds.ImportRejected, Level = LogLevel.Information,
            Message = "Import {SessionId} rejected, session removed: {Reason}")]
        public static partial void ImportRejected(ILogger logger, string sessionId, string reason);

        [LoggerMessage(EventId = EventIds.ImportCrashed, Level = LogLevel.Error,
            Message = "Import {SessionId} failed on an unexpected error")]
        public static partial void ImportCrashed(ILogger logger, string sessionId, Exception exception);

        [LoggerMessage(EventId = EventIds.ImportInterrupted, Level = LogLevel.Warning,
            Message = "Import {SessionId} interrupted by shutdown after {Exchanges} exchanges")]
        public static partial void ImportInterrupted(ILogger logger, string sessionId, long exchanges);
    }
}
