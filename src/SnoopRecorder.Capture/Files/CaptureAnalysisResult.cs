namespace SnoopRecorder.Capture.Files;

/// <summary>What an analysis of one capture file found.</summary>
public sealed class CaptureAnalysisResult
{
    /// <summary>"pcap" or "pcapng".</summary>
    public required string Format { get; init; }

    /// <summary>Packets read from the file (every record, whatever its protocol).</summary>
    public long Packets { get; init; }

    /// <summary>Captured bytes of those packets (the records' lengths, not the file's size).</summary>
    public long Bytes { get; init; }

    public long Exchanges { get; init; }
    public long Connections { get; init; }

    /// <summary>Packets that were not TCP over IP on a supported link layer: counted and skipped.</summary>
    public long SkippedPackets { get; init; }

    /// <summary>Connections dropped from the full connection table (see <c>TrafficAnalyzer.EvictedConnections</c>).</summary>
    public long EvictedConnections { get; init; }

    /// <summary>Null when the file was read to its end; otherwise where and why reading stopped.</summary>
    public string? Error { get; init; }
}
