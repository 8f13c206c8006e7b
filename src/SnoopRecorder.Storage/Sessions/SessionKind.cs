namespace SnoopRecorder.Storage.Sessions;

/// <summary>Where a session's packets came from; stored lowercase.</summary>
public enum SessionKind
{
    Import,
    Live,
}
