
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

    public void SetHandler(ITcpStreamHandler handler)
    {
        Handler = handler;
        FromInitiator.SetHandler(handler);
        FromResponder.SetHandler(handler);
    }

    public bool IsFromInitiator(in TcpSegment segment) => segment.Source == Info.Initiator;

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
