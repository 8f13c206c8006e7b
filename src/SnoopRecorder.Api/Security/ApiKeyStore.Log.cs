using SnoopRecorder.Api.Hosting;

namespace SnoopRecorder.Api.Security;

internal sealed partial class ApiKeyStore
{
    private static partial class Log
    {
        // The one place the key is ever shown: the service keeps only its hash.
        [LoggerMessage(EventId = EventIds.ApiKeyGenerated, Level = LogLevel.Warning,
            Message = "Generated the API key {Key} (shown only this once; its hash is kept in {HashFile}). " +
                      "Send it as 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'.")]
        public static partial void KeyGenerated(ILogger logger, string key, string hashFile);
    }
}
