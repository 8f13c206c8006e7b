
namespace SnoopRecorder.Packets;

/// <summary>Tracker-side state of one connection: its two directions, handler and place in the LRU list.</summary>
internal sealed class TcpConnection
{
    public TcpConnection(TcpConnectionTracker tracker, ConnectionKey key, TcpConnectionInfo info, TcpReassemblyOptions options, TcpReassemblyStats stats)
    {
        Tracker = tracker;
        Key = key;
        Info = info;
        FromInitiator = new TcpStreamReassembler(this, TcpDirection.FromInitiator, options, stats);
        FromResponder = new TcpStreamReassembler(this, TcpDirection.FromResponder, options, stats);
    }

    public TcpConnectionTracker Tracker { get; }

    public ConnectionKey Key { get; }

    /// <summary>The key of the other direction when the two directions carry different VLAN tags; null otherwise.</summary>
    public ConnectionKey? AliasKey { get; set; }

    public bool SeenFromInitiator { get; set; }
    public bool SeenFromResponder { get; set; }

    public TcpConnectionInfo Info { get; }

    public ITcpStreamHandler Handler { get; private set; } = NullStreamHandler.Instance;

    public TcpStreamReassembler FromInitiator { get; }

    public TcpStreamReassembler FromResponder { get; }

    /// <summary>Closed connections linger in the table to absorb trailing ACKs and retransmitted FINs.</summary>
    public bool IsClosed { get; set; }

    public TcpConnection? LruPrevious { get; set; }

    public TcpConnection? LruNext { get; set; }

    public bool HasProgress => FromInitiator.HasProgress || FromResponder.HasProgress;

    /// <summary>Payload bytes went one way or the other (delivered, buffered or missing), not just flags.</summary>
    public bool CarriedBytes => FromInitiator.CarriedBytes || FromResponder.CarriedBytes;

    public void SetHandler(ITcpStreamHandler handler)
    {
        Handler = handler;
        FromInitiator.SetHandler(handler);
        FromResponder.SetHandler(handler);
    }

    public bool IsFromInitiator(in TcpSegment segment) => segment.Source == Info.Initiator;

    /// <summary>
    /// Whether a RST is acceptable (RFC 9293 §3.10.7, RFC 5961 §3), judged by what the capture showed of its sender:
    /// when the sender's place in sequence space is known, its sequence number must be plausible there (see
    /// <see cref="TcpStreamReassembler.IsPlausibleResetSequence"/>); in SYN-SENT (only the other side's SYN seen) it
    /// must acknowledge that SYN; otherwise (nothing seen of the sender, the other side synchronized) it cannot be
    /// judged and is accepted, as the endpoint would check only a sequence number nobody here knows.
    /// </summary>
    public bool AcceptsReset(in TcpSegment segment)
    {
        var fromInitiator = IsFromInitiator(segment);
        var sender = fromInitiator ? FromInitiator : FromResponder;
        var receiver = fromInitiator ? FromResponder : FromInitiator;
        if (sender.Started)
        {
            return sender.IsPlausibleResetSequence(segment.SequenceNumber);
        }

        if (receiver.StartedFromSyn)
        {
            // RFC 9293 §3.10.7.3: in SYN-SENT a RST without an ACK of the SYN is dropped.
            return segment.HasFlag(TcpFlags.Ack) && receiver.IsAcknowledgedSyn(segment.AcknowledgmentNumber);
        }

        return true;
    }

    /// <summary>
    /// A connection reset before any payload byte went either way (a refused or aborted attempt, or a RST injected
    /// before the handshake finished) is reopened by a later SYN-ACK or payload-carrying segment on its 4-tuple, as a
    /// capture that missed the SYN would open it. One that carried bytes keeps absorbing trailing segments, so late
    /// retransmissions after a real reset do not make phantom connections.
    /// </summary>
    public bool IsReopenedBy(in TcpSegment segment)
    {
        if (Info.CloseReason != TcpCloseReason.Reset || CarriedBytes || segment.HasFlag(TcpFlags.Rst))
        {
            return false;
        }

        var synAck = TcpFlags.Syn | TcpFlags.Ack;
        return (segment.Flags & synAck) == synAck || segment.OriginalPayloadLength > 0;
    }

    /// <summary>
    /// A SYN (without ACK) on an open connection starts a new one on the same 4-tuple when its ISN differs from the
    /// sender's known ISN, or, when no SYN was seen before, once data has been exchanged.
    /// </summary>
    public bool IsReusedBy(in TcpSegment segment)
    {
        var sender = IsFromInitiator(segment) ? FromInitiator : FromResponder;
        return sender.StartedFromSyn ? sender.InitialSequenceNumber != segment.SequenceNumber : HasProgress;
    }
}
