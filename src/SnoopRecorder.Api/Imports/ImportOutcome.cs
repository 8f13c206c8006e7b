using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Imports;

/// <summary>
/// How an analysis ended: the session as stored afterwards, or, when libpcap refused the file, why (the session and
/// its file are then gone).
/// </summary>
public sealed record ImportOutcome(SessionRecord? Session, string? RejectedBecause, TimeSpan Elapsed)
{
    public bool Rejected => RejectedBecause is not null;
}
