using SnoopRecorder.Api.Recording;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Sessions;

/// <summary>
/// A session as the API shows it. For live sessions: <c>target</c> is what it records, resolved when it started;
/// <c>dropped</c> counts packets lost, by the kernel (libpcap's buffer full) or by the service when its analysis fell
/// behind; <c>stopReason</c> says why it ended (requested, maxDuration, maxPackets, maxBytes, targetExited,
/// dataQuota, captureFailed, serviceStopped). <c>redacted</c>: secret header values were redacted before storage (false for a
/// session created with redact=false, and for sessions stored before redaction existed, which hold them as captured);
/// <c>packetsStored</c>: false for a session created with storePackets=false, which has no capture to download.
/// <c>evictedConnections</c>: connections the analysis stopped tracking because its table of 100,000 was full (the
/// least recently active first); their exchanges so far are stored, a slow one may show cut in two.
/// </summary>
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
    long EvictedConnections,
    long Dropped,
    string? CaptureFormat,
    bool Redacted,
    bool PacketsStored,
    SessionTarget? Target,
    string? Interface,
    string? Filter,
    string? StopReason,
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
        session.EvictedConnections,
        session.Dropped,
        session.CaptureFormat,
        session.Redacted,
        session.PacketsStored,
        Recorder.ParseTarget(session.Target),
        session.Interface,
        session.Filter,
        session.StopReason,
        session.Error);
}
