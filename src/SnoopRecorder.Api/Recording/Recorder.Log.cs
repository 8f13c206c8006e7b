using SnoopRecorder.Api.Hosting;

namespace SnoopRecorder.Api.Recording;

internal sealed partial class Recorder
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.RecordingStarted, Level = LogLevel.Information,
            Message = "Session {SessionId} recording: {TargetKind} target, interface {Interface}, network namespace {NetnsInode}, {Limits}")]
        public static partial void RecordingStarted(ILogger logger, string sessionId, string targetKind, string @interface, ulong netnsInode, string limits);
    }
}
