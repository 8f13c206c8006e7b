namespace SnoopRecorder.Packets;

internal sealed partial class TcpStreamReassembler
{
    /// <summary>
    /// How far beyond the highest point known of a direction's stream a RST's sequence number may lie and still be
    /// taken as plausible. Segments do not reach the tracker with their window field, so the receive window the
    /// endpoint would check against (RFC 9293 §3.10.7.4) is not known: 1 MiB is above any unscaled window (64 KiB) and
    /// the receive windows HTTP connections commonly advertise, and matches the out-of-order buffer
    /// (<see cref="TcpReassemblyOptions.DefaultMaxOutOfOrderBytesPerDirection"/>), the reassembler's own idea of how far
    /// ahead data can plausibly be. A real RST beyond it (capture loss of more than 1 MiB with its ACKs) is ignored: the
    /// connection then ends at its idle timeout, a new SYN or the end of the capture instead, its data intact.
    /// </summary>
    public const long ResetWindowBytes = 1 << 20;

    /// <summary>A SYN, a segment or the other side's SYN-ACK placed this direction's stream in sequence space.</summary>
    public bool Started => _started;

    /// <summary>Payload bytes of this direction were delivered, buffered or reported missing.</summary>
    public bool CarriedBytes => _nextOffset > 0 || _buffered is { Count: > 0 };

    /// <summary>
    /// A RST sent by this direction's sender is acceptable when its sequence number could be in the receiver's window
    /// (RFC 9293 §3.10.7.4, RFC 5961 §3): not below where the receiver is known to be — its highest acknowledgment, or
    /// the delivered point when that is lower (bytes in flight it may not have received yet) — and at most
    /// <see cref="ResetWindowBytes"/> beyond the highest point known of the stream. A RST below the receiver's position
    /// is the classic insertion (the endpoint drops it, a naive monitor stops recording).
    /// </summary>
    public bool IsPlausibleResetSequence(uint sequenceNumber)
    {
        var offset = ToOffset(sequenceNumber);
        var low = _hasAck ? Math.Min(_ackedOffset, _nextOffset) : _nextOffset;
        var high = _hasAck ? Math.Max(_ackedOffset, KnownEnd) : KnownEnd;
        return offset >= low && offset - high <= ResetWindowBytes;
    }

    /// <summary>
    /// In SYN-SENT (only this direction's SYN seen) a RST from the other side is acceptable only when it acknowledges
    /// the SYN: ISN &lt; SEG.ACK ≤ SND.NXT (RFC 9293 §3.10.7.3).
    /// </summary>
    public bool IsAcknowledgedSyn(uint acknowledgmentNumber)
    {
        var offset = ToOffset(acknowledgmentNumber);
        return _startedFromSyn && offset >= 0 && offset <= KnownEnd;
    }

    /// <summary>The highest sequence point the capture has shown of this direction: delivered, buffered, or its FIN.</summary>
    private long KnownEnd
    {
        get
        {
            var end = _buffered is { Count: > 0 } ? Math.Max(_nextOffset, _buffered[^1].End) : _nextOffset;
            return _finSeen ? Math.Max(end, _finOffset + 1) : end;
        }
    }
}
