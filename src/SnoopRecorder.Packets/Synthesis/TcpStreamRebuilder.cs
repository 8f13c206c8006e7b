namespace SnoopRecorder.Packets;

/// <summary>
/// Turns captured TCP segments into a clean trace rebuilt from the reassembled streams: each connection goes through
/// <see cref="TcpConnectionTracker"/> (the same reassembly as the analysis: order restored, retransmissions,
/// duplicates and overlaps dropped with first-seen-wins, holes given up as gaps), and what it delivers is written
/// again as well-formed Ethernet frames (<see cref="EthernetTcpFrame"/>) to an <see cref="ISyntheticFrameSink"/>.
/// </summary>
/// <remarks>
/// <para>Per connection, frames come in stream order: the handshake before the first data (the captured SYN and SYN-ACK
/// at their times, else synthesised at the first data's time), data in segments of at most 1460 (IPv4) or 1440 (IPv6)
/// bytes, each acknowledging what the other side has written so far, FINs where the capture had them, and a close at
/// the end: the captured RST, or FINs synthesised for the directions that had none and the last ACK. Initial sequence
/// numbers are the captured ones when the SYN was seen, else the first sequence number seen minus one; the SYN comes
/// from the captured SYN's sender, else from the tracker's initiator unless only that side has a port below 1024. Bytes that
/// were not captured are never invented: the sequence numbers jump over them and the next packet of that direction
/// carries a comment starting with <c>gap:</c>; synthesised packets carry one starting with <c>synthesised:</c>.
/// Connections without data or FIN (a refused or unanswered SYN) keep only their captured SYN, SYN-ACK and RST.</para>
/// <para>Times are those of the captured packets that carried the data; a connection's frames never go back in time,
/// but frames of different connections reach the sink in delivery order, which lags packet time (buffered data is
/// delivered when the hole before it fills or is given up): the sink orders them.</para>
/// <para>The tracker only hands out streams; the sequence numbers, SYN times, FIN and RST flags the rebuilt packets
/// need are read from each segment before the tracker sees it, by the connection its endpoints map to. Not
/// thread-safe; memory is the tracker's plus a few dozen bytes per open connection.</para>
/// </remarks>
public sealed class TcpStreamRebuilder : ITcpConnectionObserver
{
    private readonly ISyntheticFrameSink _sink;
    private readonly TcpConnectionTracker _tracker;
    private readonly long _idleTimeoutNs;
    private readonly Dictionary<(TcpEndpoint Source, TcpEndpoint Destination), RebuiltConnection> _bySender = [];
    private readonly byte[] _frame = new byte[EthernetTcpFrame.MaxFrameLength];
    private PacketFacts _current;
    private RebuiltConnection? _opened;

    /// <summary>Creates a rebuilder writing to <paramref name="sink"/>, with the analysis's reassembly limits unless told otherwise.</summary>
    public TcpStreamRebuilder(ISyntheticFrameSink sink, TcpReassemblyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        options ??= new TcpReassemblyOptions();
        _sink = sink;
        _tracker = new TcpConnectionTracker(options, this);
        _idleTimeoutNs = (long)(options.IdleTimeout.Ticks * TimeSpan.NanosecondsPerTick);
    }

    /// <summary>What was written so far.</summary>
    public RebuildSummary Summary { get; } = new();

    /// <summary>Feeds one captured segment, in packet-time order.</summary>
    public void Process(in TcpSegment segment, long timestampNs, long packetIndex)
    {
        _current = PacketFacts.Of(segment, timestampNs);
        _opened = null;
        var isNewSyn = (segment.Flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn;
        if (_bySender.TryGetValue((segment.Source, segment.Destination), out var known)
            && timestampNs - known.Info.LastPacketNs >= _idleTimeoutNs)
        {
            // The tracker closes an idle connection before the packet can join it: the packet is a new connection's.
            known = null;
        }

        // The facts must be known before the tracker delivers this packet's data or FIN. A new SYN may instead open a
        // new connection on the same ports (reuse): it is noted once the tracker has decided.
        if (!isNewSyn)
        {
            known?.Observe(_current);
        }

        _tracker.Process(segment, timestampNs, packetIndex);
        if (isNewSyn && _opened is null && known is { IsClosed: false })
        {
            known.Observe(_current);
        }
    }

    /// <summary>Lets packet time pass: idle connections close and acknowledged holes older than the reassembler allows become gaps.</summary>
    public void Advance(long nowNs) => _tracker.Advance(nowNs);

    /// <summary>The end of the capture: every open connection delivers what it holds and is closed.</summary>
    public void Finish(long lastTimestampNs) => _tracker.CloseAll(lastTimestampNs);

    ITcpStreamHandler ITcpConnectionObserver.OnConnectionOpened(TcpConnectionInfo connection)
    {
        var rebuilt = new RebuiltConnection(this, connection);
        _bySender[(connection.Initiator, connection.Responder)] = rebuilt;
        _bySender[(connection.Responder, connection.Initiator)] = rebuilt;

        // Opened by the packet being processed: its facts are this connection's first.
        rebuilt.Observe(_current);
        _opened = rebuilt;
        return rebuilt;
    }

    internal void Forget(RebuiltConnection connection)
    {
        var info = connection.Info;
        if (_bySender.TryGetValue((info.Initiator, info.Responder), out var mapped) && mapped == connection)
        {
            _bySender.Remove((info.Initiator, info.Responder));
            _bySender.Remove((info.Responder, info.Initiator));
        }
    }

    internal void Write(in SyntheticTcpHeader header, ReadOnlySpan<byte> payload, long timestampNs, string? comment)
    {
        var length = EthernetTcpFrame.Write(_frame, header, payload);
        Summary.Frames++;
        _sink.OnFrame(_frame.AsSpan(0, length), timestampNs, comment);
    }
}
