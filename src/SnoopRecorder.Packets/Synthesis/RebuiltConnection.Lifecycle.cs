namespace SnoopRecorder.Packets;

internal sealed partial class RebuiltConnection
{
    /// <summary>
    /// Writes the three-way handshake before the connection's first data, gap or FIN: the captured SYN and SYN-ACK at
    /// their times, or synthesised at <paramref name="timestampNs"/> (that first event's time) with a comment saying so.
    /// </summary>
    private void Establish(long timestampNs)
    {
        if (IsEstablished)
        {
            return;
        }

        IsEstablished = true;
        _owner.Summary.Connections++;
        _fromInitiator.FixBase();
        _fromResponder.FixBase();
        var synCaptured = _synNs != NotSeen;
        var synAckCaptured = _synAckNs != NotSeen;
        if (!synCaptured || !synAckCaptured)
        {
            _owner.Summary.SynthesizedHandshakes++;
        }

        // Without any handshake packet the tracker takes the first sender for the initiator; a capture that starts
        // with a server's packet would then have the server open the connection. A well-known port facing an
        // ephemeral one says better who serves.
        if (!synCaptured && !synAckCaptured && Info.Initiator.Port < WellKnownPorts && Info.Responder.Port >= WellKnownPorts)
        {
            _client = _fromResponder;
        }

        var server = Other(_client);

        // A synthesised SYN goes no later than a captured SYN-ACK, so the handshake keeps its order and times.
        var synNs = synCaptured ? _synNs : (synAckCaptured ? Math.Min(_synAckNs, timestampNs) : timestampNs);
        Send(_client, TcpFlags.Syn, [], synNs, synCaptured ? null : "synthesised: SYN not captured");
        Send(server, TcpFlags.Syn | TcpFlags.Ack, [], synAckCaptured ? _synAckNs : timestampNs,
            synAckCaptured ? null : "synthesised: SYN-ACK not captured");
        Send(_client, TcpFlags.Ack, [], _handshakeAckNs != NotSeen ? Math.Min(_handshakeAckNs, timestampNs) : timestampNs, null);
    }

    /// <summary>A connection that carried no data and no FIN: only its captured SYN, SYN-ACK and RST, as they were.</summary>
    private void WriteUnestablished()
    {
        if (_synNs != NotSeen)
        {
            Write(new SyntheticTcpHeader(Info.Initiator, Info.Responder, _fromInitiator.InitialSequenceNumber, 0, TcpFlags.Syn), [], _synNs, null);
        }

        if (_synAckNs != NotSeen)
        {
            Write(
                new SyntheticTcpHeader(Info.Responder, Info.Initiator, _fromResponder.InitialSequenceNumber, _fromInitiator.Base, TcpFlags.Syn | TcpFlags.Ack),
                [],
                _synAckNs,
                null);
        }

        if (Info.CloseReason == TcpCloseReason.Reset && _reset is { } reset)
        {
            Write(
                new SyntheticTcpHeader(reset.Source, reset.Destination, reset.SequenceNumber, reset.AcknowledgmentNumber, reset.Flags & (TcpFlags.Rst | TcpFlags.Ack)),
                [],
                reset.TimestampNs,
                null);
        }
    }

    /// <summary>The captured RST, from its sender, at its time; a gap still unannounced on the other side gets a bare ACK first.</summary>
    private void CloseWithReset()
    {
        var sender = _reset is { } reset && reset.Source == Info.Initiator ? _fromInitiator : _fromResponder;
        var other = Other(sender);
        if (other.HasPendingComment && !other.FinSent)
        {
            Send(other, TcpFlags.Ack, [], EndOf(other), other.TakeComment());
        }

        Send(sender, TcpFlags.Rst | TcpFlags.Ack, [], _reset?.TimestampNs ?? Info.LastPacketNs, sender.TakeComment());
    }

    /// <summary>FINs for the directions that did not send one (the client's first, said so in a comment), then the last ACK.</summary>
    private void CloseWithFins(TcpCloseReason? reason)
    {
        var synthesised = false;
        foreach (var direction in (ReadOnlySpan<RebuiltDirection>)[_client, Other(_client)])
        {
            if (!direction.FinSent)
            {
                var note = $"synthesised: FIN not captured ({Why(reason)})";
                var gaps = direction.TakeComment();
                SendFin(direction, EndOf(direction), gaps is null ? note : $"{gaps}; {note}");
                synthesised = true;
            }
        }

        if (synthesised)
        {
            _owner.Summary.SynthesizedCloses++;
        }

        // The side whose FIN came first acknowledges the other's.
        Send(Other(_lastFin!), TcpFlags.Ack, [], _lastNs, null);
    }

    private long EndOf(RebuiltDirection direction) => direction.EndNs != NotSeen ? direction.EndNs : Info.LastPacketNs;

    private static string Why(TcpCloseReason? reason) => reason switch
    {
        TcpCloseReason.EndOfCapture => "the capture ended while the connection was open",
        TcpCloseReason.Idle => "the connection went idle",
        TcpCloseReason.Evicted => "the connection table was full",
        TcpCloseReason.Reused => "a new connection reused its ports",
        _ => "the connection ended without one",
    };
}
