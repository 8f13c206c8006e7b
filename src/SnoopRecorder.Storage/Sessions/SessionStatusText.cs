namespace SnoopRecorder.Storage.Sessions;

/// <summary>The lowercase text stored for kinds and statuses (Dapper reads them back case-insensitively).</summary>
internal static class SessionStatusText
{
    public static string ToText(this SessionStatus status) => status switch
    {
        SessionStatus.Analyzing => "analyzing",
        SessionStatus.Recording => "recording",
        SessionStatus.Completed => "completed",
        SessionStatus.Stopped => "stopped",
        SessionStatus.Failed => "failed",
        SessionStatus.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string ToText(this SessionKind kind) => kind switch
    {
        SessionKind.Import => "import",
        SessionKind.Live => "live",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
