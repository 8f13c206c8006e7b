namespace SnoopRecorder.Storage.Sessions;

/// <summary>Why a live session stopped: the <c>stopReason</c> stored and shown.</summary>
public static class StopReasons
{
    /// <summary><c>POST /api/sessions/{id}/stop</c> (or the session was deleted while recording).</summary>
    public const string Requested = "requested";

    public const string MaxDuration = "maxDuration";
    public const string MaxPackets = "maxPackets";
    public const string MaxBytes = "maxBytes";

    /// <summary>The container stopped, the process exited or the named namespace was deleted.</summary>
    public const string TargetExited = "targetExited";

    /// <summary>libpcap ended the capture with an error while the target was still there (status <c>failed</c>).</summary>
    public const string CaptureFailed = "captureFailed";

    /// <summary>The service stopped (or crashed) while the session recorded (status <c>interrupted</c>).</summary>
    public const string ServiceStopped = "serviceStopped";

    /// <summary>The data directory reached <c>Snoop:MaxDataBytes</c> while the session recorded (status <c>stopped</c>).</summary>
    public const string DataQuota = "dataQuota";
}
