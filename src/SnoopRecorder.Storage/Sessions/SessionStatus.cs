namespace SnoopRecorder.Storage.Sessions;

/// <summary>Lifecycle of a session; stored lowercase.</summary>
public enum SessionStatus
{
    /// <summary>An imported file is being analysed.</summary>
    Analyzing,

    /// <summary>A live session is capturing.</summary>
    Recording,

    Completed,
    Stopped,
    Failed,

    /// <summary>The service stopped while the session was analysing or recording.</summary>
    Interrupted,
}
