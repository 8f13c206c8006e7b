using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Sessions;

/// <summary>A session as the API shows it.</summary>
public sealed record SessionResponse(
    string Id,
    SessionKind Kind,
    SessionStatus Status,
    string? Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt,
    long Packets,
    long Bytes,
    long Exchanges,
    long Connections,
    long SkippedPackets,
    string? CaptureFormat,
    string? Error)
{
    public static SessionResponse From(SessionRecord session) => new(
        session.Id,
        session.Kind,
        session.Status,
        session.Name,
        DateTimeOffset.FromUnixTimeMilliseconds(session.CreatedAtMs),
        session.EndedAtMs is { } ended ? DateTimeOffset.FromUnixTimeMilliseconds(ended) : null,
        session.Packets,
        session.Bytes,
        session.Exchanges,
        session.Connections,
        session.SkippedPackets,
        session.CaptureFormat,
        session.Error);
}
