using SnoopRecorder.Api.Hosting;

namespace SnoopRecorder.Api.Exchanges.Streaming;

internal sealed partial class ExchangeStreamResult
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.ExchangeStreamEnded, Level = LogLevel.Debug,
            Message = "Exchange stream ended ({Reason}) after {Events} event(s), at exchange id {LastId}")]
        public static partial void StreamEnded(ILogger logger, string reason, long events, long lastId);
    }
}
