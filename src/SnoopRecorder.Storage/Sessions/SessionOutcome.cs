namespace SnoopRecorder.Storage.Sessions;

/// <summary>The final state and counters written when a session ends.</summary>
public sealed record SessionOutcome
{
    public required SessionStatus Status { get; init; }
    public required long EndedAtMs { get; init; }
    public long Packets { get; init; }
    public long Bytes { get; init; }
    public long Exchanges { get; init; }
    public long Connections { get; init; }
    public long SkippedPackets { get; init; }
    public string? Error { get; init; }
}
