using SnoopRecorder.Api.Hosting;

namespace SnoopRecorder.Api.Storage;

public sealed partial class DiskReserve
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.DiskReserveNotMade, Level = LogLevel.Warning,
            Message = "No disk reserve could be made at {Path} ({Reason}): if the disk fills, a session may be unable to store how it ended")]
        public static partial void ReserveNotMade(ILogger logger, string path, string reason);
    }
}
