namespace SnoopRecorder.Storage.Sessions;

/// <summary>A row of <c>sessions</c>. Wall-clock times are Unix milliseconds.</summary>
public sealed record SessionRecord
{
    public required string Id { get; init; }
    public required SessionKind Kind { get; init; }
    public required SessionStatus Status { get; init; }
    public string? Name { get; init; }
    public required long CreatedAtMs { get; init; }
    public long? EndedAtMs { get; init; }
    public long Packets { get; init; }
    public long Bytes { get; init; }
    public long Exchanges { get; init; }
    public long Connections { get; init; }
    public long SkippedPackets { get; init; }

    /// <summary>Connections dropped from the analysis's full connection table (migration 0004).</summary>
    public long EvictedConnections { get; init; }
    public long Dropped { get; init; }
    public string? Error { get; init; }

    /// <summary>File name of the session's capture inside the data directory's captures folder.</summary>
    public string? CaptureFile { get; init; }

    /// <summary>"pcap" or "pcapng".</summary>
    public string? CaptureFormat { get; init; }

    /// <summary>JSON describing what a live session records; null for imports.</summary>
    public string? Target { get; init; }

    public string? Interface { get; init; }
    public string? Filter { get; init; }
    public string? StopReason { get; init; }

    /// <summary>
    /// Whether secret header values were redacted before the exchanges were stored. False for sessions stored before
    /// redaction existed (they hold the values as captured) and for those created with redaction turned off.
    /// </summary>
    public bool Redacted { get; init; }

    /// <summary>
    /// Whether the session keeps its capture file. False for a session created with storePackets=false: its file exists
    /// only while the analysis reads it, and <see cref="CaptureFile"/> is cleared once it is deleted.
    /// </summary>
    public bool PacketsStored { get; init; } = true;
}
