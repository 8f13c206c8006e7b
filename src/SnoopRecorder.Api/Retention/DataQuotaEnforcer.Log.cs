using SnoopRecorder.Api.Hosting;

namespace SnoopRecorder.Api.Retention;

internal sealed partial class DataQuotaEnforcer
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.DataQuotaReached, Level = LogLevel.Warning,
            Message = "Session {SessionId} stops recording: the data directory holds {UsedBytes} bytes, the {LimitBytes} allowed by Snoop:MaxDataBytes")]
        public static partial void QuotaReached(ILogger logger, string sessionId, long usedBytes, long limitBytes);
    }
}
