namespace SnoopRecorder.Api.Hosting;

/// <summary>Every log event id of the service, in one place so none is reused.</summary>
internal static class EventIds
{
    public const int MigrationsApplied = 1;
    public const int SessionsInterrupted = 2;
    public const int DataDirectoryOpen = 3;
    public const int ImportCompleted = 10;
    public const int ImportFailed = 11;
    public const int ImportRejected = 12;
    public const int ImportCrashed = 13;
    public const int ImportInterrupted = 14;
    public const int ImportWorkerFault = 15;
    public const int UploadRejected = 20;
    public const int UnhandledException = 30;
    public const int RecordingStarted = 40;
    public const int RecordingEnded = 41;
    public const int RecordingCrashed = 42;
    public const int ExchangeStreamEnded = 50;
    public const int ApiKeyGenerated = 60;
    public const int CrossSiteRequestRefused = 61;
    public const int CaptureDiscarded = 70;
    public const int CaptureDiscardFailed = 71;
    public const int DiskReserveNotMade = 80;
    public const int DataQuotaReached = 90;
    public const int RetentionSwept = 91;
    public const int RetentionSessionNotDeleted = 92;
    public const int RetentionSweepFailed = 93;
}
