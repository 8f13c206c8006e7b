using SnoopRecorder.Api.Hosting;

namespace SnoopRecorder.Api.Storage;

internal sealed partial class DatabaseStartup
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.SessionsInterrupted, Level = LogLevel.Warning,
            Message = "{Count} session(s) left unfinished by a previous run were marked interrupted ({Database})")]
        public static partial void SessionsInterrupted(ILogger logger, int count, string database);
    }
}
