
namespace SnoopRecorder.Packets;

/// <summary>What the tracker knows about one connection; updated as packets arrive, final once closed.</summary>
public sealed class TcpConnectionInfo
{
    /// <summary>Sequential from 1 per tracker.</summary>
    public long Id { get; internal set; }

    /// <summary>The SYN sender; the receiver of a SYN-ACK when the SYN was missed; otherwise the sender of the first packet seen.</summary>
    public TcpEndpoint Initiator { get; internal set; }

    public TcpEndpoint Responder { get; internal set; }

    /// <summary>VLAN tags of the packets, as <see cref="TcpSegment.Vlan"/>; 0 when untagged.</summary>
    public int Vlan { get; internal set; }

    /// <summary>True when the first packet was a SYN or SYN-ACK, so <see cref="Initiator"/> is known rather than guessed.</summary>
    public bool HandshakeSeen { get; internal set; }

    public long FirstPacketIndex { get; internal set; }

    public long FirstPacketNs { get; internal set; }

    public long LastPacketIndex { get; internal set; }

    public long LastPacketNs { get; internal set; }

    /// <summary>Packets of this connection processed while it was open.</summary>
    public long Packets { get; internal set; }

    /// <summary>Null while open.</summary>
    public TcpCloseReason? CloseReason { get; internal set; }

    public override string ToString() => $"#{Id} {Initiator} -> {Responder}" + (Vlan != 0 ? $" vlan {Vlan}" : string.Empty);
}
