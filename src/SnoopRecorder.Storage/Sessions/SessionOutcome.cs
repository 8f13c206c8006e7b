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
    public long EvictedConnections { get; init; }
    public long Dropped { get; init; }
    public string? Error { get; init; }

    /// <summary>Why a live session stopped (<c>requested</c>, <c>maxPackets</c>, <c>targetExited</c>...); null for imports.</summary>
    public string? StopReason { get; init; }
}
