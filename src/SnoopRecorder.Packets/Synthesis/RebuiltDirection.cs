using System.Globalization;

namespace SnoopRecorder.Packets;

/// <summary>
/// One direction of a rebuilt connection: where its sequence numbers start, how far its stream has been written
/// (delivered bytes and gaps), its FIN, and the gaps and conflicts not yet announced by a packet comment.
/// </summary>
internal sealed class RebuiltDirection(TcpEndpoint source, TcpEndpoint destination)
{
    public const long NotSeen = long.MinValue;

    private string? _pendingComments;

    public TcpEndpoint Source { get; } = source;

    public TcpEndpoint Destination { get; } = destination;

    public int MaxPayload { get; } = EthernetTcpFrame.MaxPayload(source.Address);

    /// <summary>The sequence number of stream offset 0 (ISN + 1), once known.</summary>
    public uint Base { get; private set; }

    public bool HasBase { get; private set; }

    /// <summary>Stream bytes written so far: delivered ones and gaps (offset of the next byte).</summary>
    public long Offset { get; set; }

    /// <summary>A captured packet of this direction had FIN set.</summary>
    public bool FinSeen { get; set; }

    /// <summary>This direction's FIN was written; it occupies one sequence number.</summary>
    public bool FinSent { get; set; }

    /// <summary>Packet time at which the reassembler ended this direction.</summary>
    public long EndNs { get; set; } = NotSeen;

    public bool HasPendingComment => _pendingComments is not null;

    public uint InitialSequenceNumber => unchecked(Base - 1);

    public uint NextSequenceNumber => unchecked(Base + (uint)Offset + (FinSent ? 1u : 0u));

    private bool BaseFromSyn { get; set; }

    private uint? PeerAcknowledgment { get; set; }

    /// <summary>
    /// Learns where offset 0 is, as the reassembler does: ISN + 1 from a SYN (or the ACK of a SYN-ACK), else the first
    /// sequence number seen. Only the rebuilt trace's numbering depends on it, so a later better guess simply wins
    /// until the handshake is written.
    /// </summary>
    public void LearnBase(uint sequenceNumber, bool fromSyn)
    {
        if (fromSyn ? !BaseFromSyn : !HasBase)
        {
            Base = sequenceNumber;
            HasBase = true;
            BaseFromSyn |= fromSyn;
        }
    }

    /// <summary>The other side acknowledged up to here: the base to use when none of this direction's packets was seen.</summary>
    public void LearnPeerAcknowledgment(uint acknowledgmentNumber) => PeerAcknowledgment ??= acknowledgmentNumber;

    /// <summary>Fixes the base before the first packet is written: known, else the peer's first ACK, else derived from the ports.</summary>
    public void FixBase()
    {
        if (!HasBase)
        {
            // Nothing of this direction was captured and nothing acknowledged it: any ISN is as good, this one is stable.
            Base = PeerAcknowledgment ?? unchecked((uint)((Source.Port << 16) | Destination.Port) * 2654435761u);
            HasBase = true;
        }
    }

    /// <summary>Records bytes that will never be delivered and advances the stream over them.</summary>
    public void AddGap(long length)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"gap: {length} bytes from {Source} to {Destination} not captured before this segment (stream bytes {Offset}-{Offset + length - 1})");
        _pendingComments = _pendingComments is null ? text : $"{_pendingComments}; {text}";
        Offset += length;
    }

    /// <summary>
    /// The next <paramref name="length"/> bytes to be written had a different copy in the capture (overlapping segments
    /// that disagree); the first copy seen is the one written.
    /// </summary>
    public void AddConflict(long length)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"conflict: {length} bytes from {Source} to {Destination} had a different copy in another captured segment; the first copy seen is written (stream bytes {Offset}-{Offset + length - 1})");
        _pendingComments = _pendingComments is null ? text : $"{_pendingComments}; {text}";
    }

    /// <summary>The comment of the gaps and conflicts noted since the last packet of this direction, for its next packet; null when none.</summary>
    public string? TakeComment()
    {
        var text = _pendingComments;
        _pendingComments = null;
        return text;
    }
}
