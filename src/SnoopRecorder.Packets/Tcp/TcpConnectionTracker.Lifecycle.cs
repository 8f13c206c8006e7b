
namespace SnoopRecorder.Packets;

public sealed partial class TcpConnectionTracker
{
    /// <summary>
    /// Closes connections idle for <see cref="TcpReassemblyOptions.IdleTimeout"/> at packet time <paramref name="nowNs"/>
    /// and gives up acknowledged holes older than <see cref="TcpReassemblyOptions.AckedHoleTimeout"/>. Costs O(expired +
    /// directions with holes); call it often.
    /// </summary>
    public void Advance(long nowNs)
    {
        while (_lru.Head is { } oldest && nowNs - oldest.Info.LastPacketNs >= _idleTimeoutNs)
        {
            Close(oldest, TcpCloseReason.Idle, oldest.Info.LastPacketNs, oldest.Info.LastPacketIndex);
            Remove(oldest);
        }

        for (var i = _holes.Count - 1; i >= 0; i--)
        {
            var direction = _holes[i];
            var connection = direction.Connection;
            if (!connection.IsClosed && direction.HasHole)
            {
                direction.FlushDueHoles(nowNs, connection.Info.LastPacketIndex);
                if (connection.FromInitiator.Ended && connection.FromResponder.Ended)
                {
                    Close(connection, TcpCloseReason.Fin, nowNs, connection.Info.LastPacketIndex);
                }
            }

            if (connection.IsClosed || !direction.HasHole)
            {
                direction.InHoleList = false;
                _holes[i] = _holes[^1];
                _holes.RemoveAt(_holes.Count - 1);
            }
        }
    }

    /// <summary>End of capture: every open connection delivers what it buffered (gaps before it), ends both directions and closes as <see cref="TcpCloseReason.EndOfCapture"/>.</summary>
    /// <param name="nowNs">Packet time of the end of the capture; directions end at their connection's last packet.</param>
    public void CloseAll(long nowNs)
    {
        for (var connection = _lru.Head; connection is not null; connection = connection.LruNext)
        {
            Close(connection, TcpCloseReason.EndOfCapture, Math.Min(nowNs, connection.Info.LastPacketNs), connection.Info.LastPacketIndex);
        }

        _connections.Clear();
        _lru.Clear();
        foreach (var direction in _holes)
        {
            direction.InHoleList = false;
        }

        _holes.Clear();
    }

    internal void RegisterHole(TcpStreamReassembler direction)
    {
        if (!direction.InHoleList)
        {
            direction.InHoleList = true;
            _holes.Add(direction);
        }
    }

    private TcpConnection Open(ConnectionKey key, in TcpSegment segment, long timestampNs, long packetIndex)
    {
        if (_connections.Count >= _options.MaxConnections && _lru.Head is { } leastRecent)
        {
            if (!leastRecent.IsClosed)
            {
                Stats.ConnectionsEvicted++;
                Close(leastRecent, TcpCloseReason.Evicted, leastRecent.Info.LastPacketNs, leastRecent.Info.LastPacketIndex);
            }

            Remove(leastRecent);
        }

        var flags = segment.Flags & (TcpFlags.Syn | TcpFlags.Ack);
        var senderInitiates = flags != (TcpFlags.Syn | TcpFlags.Ack);
        var info = new TcpConnectionInfo
        {
            Id = ++_lastConnectionId,
            Initiator = senderInitiates ? segment.Source : segment.Destination,
            Responder = senderInitiates ? segment.Destination : segment.Source,
            Vlan = segment.Vlan,
            HandshakeSeen = (segment.Flags & TcpFlags.Syn) != 0,
            FirstPacketIndex = packetIndex,
            FirstPacketNs = timestampNs,
            LastPacketIndex = packetIndex,
            LastPacketNs = timestampNs,
        };
        var connection = new TcpConnection(this, key, info, _options, Stats);
        _connections.Add(key, connection);
        _byEndpoints[key.WithoutVlan()] = connection;
        _lru.AddLast(connection);
        OpenConnections++;
        Stats.ConnectionsOpened++;
        connection.SetHandler(_observer.OnConnectionOpened(info) ?? NullStreamHandler.Instance);
        return connection;
    }

    /// <summary>Ends both directions (initiator first, so requests precede responses) and reports the close; the entry stays until <see cref="Remove"/>.</summary>
    private void Close(TcpConnection connection, TcpCloseReason reason, long timestampNs, long packetIndex)
    {
        if (connection.IsClosed)
        {
            return;
        }

        connection.FromInitiator.Finish(timestampNs, packetIndex);
        connection.FromResponder.Finish(timestampNs, packetIndex);
        connection.IsClosed = true;
        connection.Info.CloseReason = reason;
        OpenConnections--;
        Stats.ConnectionsClosed++;
        connection.Handler.OnClosed(connection.Info);
    }

    private void Remove(TcpConnection connection)
    {
        _connections.Remove(connection.Key);
        if (connection.AliasKey is { } alias)
        {
            _connections.Remove(alias);
        }

        if (_byEndpoints.TryGetValue(connection.Key.WithoutVlan(), out var latest) && latest == connection)
        {
            _byEndpoints.Remove(connection.Key.WithoutVlan());
        }

        _lru.Remove(connection);
    }

    /// <summary>Joins a packet tagged differently from its connection's other direction (see the VLANs remark).</summary>
    private TcpConnection? AdoptAcrossVlans(ConnectionKey key, in TcpSegment segment)
    {
        if (!_byEndpoints.TryGetValue(key.WithoutVlan(), out var other) || other.IsClosed || other.AliasKey is not null)
        {
            return null;
        }

        if (other.IsFromInitiator(segment) ? other.SeenFromInitiator : other.SeenFromResponder)
        {
            return null;
        }

        other.AliasKey = key;
        _connections.Add(key, other);
        return other;
    }
}
