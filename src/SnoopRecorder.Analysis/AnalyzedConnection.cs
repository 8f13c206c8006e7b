namespace SnoopRecorder.Analysis;

/// <summary>
/// One TCP connection of a capture: enough to cut its packets out of the capture file later
/// (its endpoints and the packet indexes and times of its first and last packets).
/// </summary>
public sealed class AnalyzedConnection
{
    /// <summary>Sequential number of the connection within one analysis, from 1.</summary>
    public required long Id { get; init; }

    /// <summary>The side that opened the connection (sent the SYN), or the first sender seen when the handshake was missed.</summary>
    public required NetworkEndpoint Initiator { get; init; }
    public required NetworkEndpoint Responder { get; init; }

    /// <summary>802.1Q/802.1ad tags the packets carried (0 when untagged); the same 4-tuple on two VLANs is two connections.</summary>
    public int Vlan { get; init; }

    public required long FirstPacketIndex { get; init; }
    public required long FirstPacketNs { get; init; }
    public long LastPacketIndex { get; set; }
    public long LastPacketNs { get; set; }

    /// <summary>"fin", "rst", "idle", "evicted" or "end-of-capture"; null while open.</summary>
    public string? CloseReason { get; set; }

    public long Packets { get; set; }
}
