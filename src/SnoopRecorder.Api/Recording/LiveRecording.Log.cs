using SnoopRecorder.Api.Hosting;

namespace SnoopRecorder.Api.Recording;

internal sealed partial class LiveRecording
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.RecordingEnded, Level = LogLevel.Information,
            Message = "Session {SessionId} stopped ({StopReason}): {Packets} packets, {Exchanges} exchanges, {Dropped} dropped")]
        public static partial void RecordingEnded(ILogger logger, string sessionId, string stopReason, long packets, long exchanges, long dropped);

        [LoggerMessage(EventId = EventIds.RecordingCrashed, Level = LogLevel.Error, Message = "Session {SessionId} failed while recording")]
        public static partial void RecordingCrashed(ILogger logger, string sessionId, Exception exception);
    }
}
