namespace SnoopRecorder.Packets;

/// <summary>
/// Rebuilds one connection as clean segments from what its reassembler delivers: in-order data split into segments
/// of at most <see cref="RebuiltDirection.MaxPayload"/> bytes, each acknowledging everything the other side has
/// written so far, and sequence numbers that jump over gaps. The handshake is written before the first data (as
/// captured, or synthesised), FINs when a direction ends on one, and a close at the end (the captured RST, or
/// synthesised FINs).
/// </summary>
/// <remarks>
/// Packet times are those of the packets that carried the data; buffered bytes delivered after later ones are written
/// at the latest time written so far, so a connection's times never go backwards.
/// </remarks>
internal sealed partial class RebuiltConnection : ITcpStreamHandler
{
    private const long NotSeen = RebuiltDirection.NotSeen;

    // Ports below this are services (IANA system ports): the side that has one is the server.
    private const int WellKnownPorts = 1024;

    private readonly TcpStreamRebuilder _owner;
    private readonly RebuiltDirection _fromInitiator;
    private readonly RebuiltDirection _fromResponder;
    private long _lastNs = long.MinValue;
    private long _synNs = NotSeen;
    private long _synAckNs = NotSeen;
    private long _handshakeAckNs = NotSeen;
    private PacketFacts? _reset;
    private RebuiltDirection? _lastFin;

    // The side that sends the SYN: the initiator, unless the handshake was not captured and the ports say otherwise.
    private RebuiltDirection _client;

    public RebuiltConnection(TcpStreamRebuilder owner, TcpConnectionInfo info)
    {
        _owner = owner;
        Info = info;
        _fromInitiator = new RebuiltDirection(info.Initiator, info.Responder);
        _fromResponder = new RebuiltDirection(info.Responder, info.Initiator);
        _client = _fromInitiator;
    }

    public TcpConnectionInfo Info { get; }

    /// <summary>The handshake was written: the connection carried data or a FIN.</summary>
    public bool IsEstablished { get; private set; }

    public bool IsClosed { get; private set; }

    /// <summary>Notes what the rebuilt packets need from a captured one: sequence bases, handshake times, FIN, RST.</summary>
    public void Observe(in PacketFacts packet)
    {
        var sender = packet.Source == Info.Initiator ? _fromInitiator : _fromResponder;
        var receiver = Other(sender);
        var syn = packet.Has(TcpFlags.Syn);
        var ack = packet.Has(TcpFlags.Ack);
        if (!IsEstablished)
        {
            if (syn)
            {
                sender.LearnBase(unchecked(packet.SequenceNumber + 1), fromSyn: true);
                if (ack)
                {
                    // A SYN-ACK acknowledges the initiator's ISN + 1: its base even when its SYN was missed.
                    receiver.LearnBase(packet.AcknowledgmentNumber, fromSyn: true);
                }
            }
            else
            {
                sender.LearnBase(packet.SequenceNumber, fromSyn: false);
            }

            if (ack)
            {
                receiver.LearnPeerAcknowledgment(packet.AcknowledgmentNumber);
            }
        }

        if (syn)
        {
            if (!ack && _synNs == NotSeen && sender == _fromInitiator)
            {
                _synNs = packet.TimestampNs;
            }
            else if (ack && _synAckNs == NotSeen && sender == _fromResponder)
            {
                _synAckNs = packet.TimestampNs;
            }
        }
        else if (ack && sender == _fromInitiator && _synAckNs != NotSeen && _handshakeAckNs == NotSeen)
        {
            _handshakeAckNs = packet.TimestampNs;
        }

        if (packet.Has(TcpFlags.Fin))
        {
            sender.FinSeen = true;
        }

        // The tracker ignores a RST implausible for its sender and stops observing at the one it accepts: the last
        // RST seen is the one that closed the connection.
        if (packet.Has(TcpFlags.Rst))
        {
            _reset = packet;
        }
    }

    public void OnData(TcpDirection direction, ReadOnlySpan<byte> data, long timestampNs, long packetIndex, long acknowledged)
    {
        Establish(timestampNs);
        var from = Of(direction);
        var comment = from.TakeComment();
        _owner.Summary.DataBytes += data.Length;
        while (!data.IsEmpty)
        {
            var piece = data[..Math.Min(from.MaxPayload, data.Length)];
            data = data[piece.Length..];
            Send(from, data.IsEmpty ? TcpFlags.Ack | TcpFlags.Psh : TcpFlags.Ack, piece, timestampNs, comment);
            from.Offset += piece.Length;
            comment = null;
        }
    }

    public void OnGap(TcpDirection direction, long length, long timestampNs, long packetIndex)
    {
        Establish(timestampNs);
        Of(direction).AddGap(length);
        _owner.Summary.Gaps++;
        _owner.Summary.GapBytes += length;
    }

    public void OnConflict(TcpDirection direction, long length, long timestampNs, long packetIndex)
    {
        // The bytes follow at once (the next OnData): the comment goes on the first segment that carries them.
        Of(direction).AddConflict(length);
        _owner.Summary.Conflicts++;
        _owner.Summary.ConflictBytes += length;
    }

    public void OnEnd(TcpDirection direction, long timestampNs, long packetIndex)
    {
        var from = Of(direction);
        from.EndNs = timestampNs;
        if (from.FinSeen && !from.FinSent)
        {
            Establish(timestampNs);
            SendFin(from, timestampNs, from.TakeComment());
        }
    }

    public void OnClosed(TcpConnectionInfo connection)
    {
        IsClosed = true;
        _owner.Forget(this);
        if (!IsEstablished)
        {
            WriteUnestablished();
        }
        else if (connection.CloseReason == TcpCloseReason.Reset)
        {
            CloseWithReset();
        }
        else
        {
            CloseWithFins(connection.CloseReason);
        }
    }

    private RebuiltDirection Of(TcpDirection direction) =>
        direction == TcpDirection.FromInitiator ? _fromInitiator : _fromResponder;

    private RebuiltDirection Other(RebuiltDirection direction) => direction == _fromInitiator ? _fromResponder : _fromInitiator;

    /// <summary>A segment of the stream: its sequence number where the sender's stream is, acknowledging all of the other's.</summary>
    private void Send(RebuiltDirection from, TcpFlags flags, ReadOnlySpan<byte> payload, long timestampNs, string? comment)
    {
        var sequence = (flags & TcpFlags.Syn) != 0 ? from.InitialSequenceNumber : from.NextSequenceNumber;
        var acknowledgment = (flags & TcpFlags.Ack) != 0 ? Other(from).NextSequenceNumber : 0;
        Write(new SyntheticTcpHeader(from.Source, from.Destination, sequence, acknowledgment, flags), payload, timestampNs, comment);
    }

    private void SendFin(RebuiltDirection from, long timestampNs, string? comment)
    {
        Send(from, TcpFlags.Fin | TcpFlags.Ack, [], timestampNs, comment);
        from.FinSent = true;
        _lastFin = from;
    }

    private void Write(in SyntheticTcpHeader header, ReadOnlySpan<byte> payload, long timestampNs, string? comment)
    {
        _lastNs = Math.Max(_lastNs, timestampNs);
        _owner.Write(header, payload, _lastNs, comment);
    }
}
