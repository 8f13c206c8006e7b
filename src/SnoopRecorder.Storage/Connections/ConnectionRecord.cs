namespace SnoopRecorder.Storage.Connections;

/// <summary>A row of <c>connections</c>: a TCP connection's endpoints and the range of its packets in the capture.</summary>
public sealed record ConnectionRecord
{
    public required string SessionId { get; init; }

    /// <summary>Number of the connection within its session, from 1.</summary>
    public required long ConnectionId { get; init; }

    public required string InitiatorIp { get; init; }
    public required int InitiatorPort { get; init; }
    public required string ResponderIp { get; init; }
    public required int ResponderPort { get; init; }
    public int Vlan { get; init; }
    public required long FirstPacketIndex { get; init; }
    public required long FirstPacketNs { get; init; }
    public required long LastPacketIndex { get; init; }
    public required long LastPacketNs { get; init; }
    public long Packets { get; init; }

    /// <summary>"fin", "rst", "idle", "evicted" or "end-of-capture".</summary>
    public string? CloseReason { get; init; }
}
