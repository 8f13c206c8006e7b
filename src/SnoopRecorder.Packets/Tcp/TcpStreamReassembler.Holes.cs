namespace SnoopRecorder.Packets;

internal sealed partial class TcpStreamReassembler
{
    private const long NoHole = long.MinValue;

    private bool _hasAck;
    private long _ackedOffset;
    private bool _finSeen;
    private long _finOffset;
    private long _finSeenNs;
    private long _holeSinceNs = NoHole;
    private long _holeOffset;

    /// <summary>True while a registered hole is waiting; the tracker keeps such directions in its hole list.</summary>
    public bool InHoleList { get; set; }

    /// <summary>Some bytes before the highest known point of the stream are missing.</summary>
    public bool HasHole => _holeSinceNs != NoHole;

    /// <summary>The other direction acknowledged up to <paramref name="acknowledgmentNumber"/> (exclusive).</summary>
    public void OnAcknowledged(uint acknowledgmentNumber, long timestampNs, long packetIndex)
    {
        if (!_started || Ended)
        {
            return;
        }

        var offset = ToOffset(acknowledgmentNumber);
        if (!_hasAck || offset > _ackedOffset)
        {
            _hasAck = true;
            _ackedOffset = offset;
        }

        UpdateHole(timestampNs);
        FlushDueHoles(timestampNs, packetIndex);
    }

    /// <summary>A FIN occupies the sequence number at <paramref name="finOffset"/>: the stream ends there.</summary>
    public void OnFin(long finOffset, long timestampNs, long packetIndex)
    {
        if (_finSeen || Ended || finOffset < _nextOffset)
        {
            return;
        }

        _finSeen = true;
        _finOffset = finOffset;
        _finSeenNs = timestampNs;
        CheckEnd(timestampNs, packetIndex);
        UpdateHole(timestampNs);
    }

    /// <summary>
    /// Gives up holes whose bytes can no longer be expected once they have waited
    /// <see cref="TcpReassemblyOptions.AckedHoleTimeout"/>: those the receiver acknowledged (it got them, only the
    /// capture lost them) and, after a FIN, all of them.
    /// </summary>
    public void FlushDueHoles(long timestampNs, long packetIndex)
    {
        if (_holeSinceNs == NoHole || Ended)
        {
            return;
        }

        if (_finSeen && timestampNs - Math.Max(_holeSinceNs, _finSeenNs) >= _ackedHoleTimeoutNs)
        {
            FlushAll(timestampNs, packetIndex);
        }
        else if (_hasAck && _ackedOffset > _nextOffset && timestampNs - _holeSinceNs >= _ackedHoleTimeoutNs)
        {
            while (_buffered is { Count: > 0 } && _buffered[0].Offset <= _ackedOffset)
            {
                FlushFirstHole(timestampNs, packetIndex);
            }

            var ackedEnd = _finSeen ? Math.Min(_ackedOffset, _finOffset) : _ackedOffset;
            if (ackedEnd > _nextOffset && !HasBufferedBefore(ackedEnd))
            {
                Gap(ackedEnd - _nextOffset, timestampNs, packetIndex);
                Drain();
            }
        }
        else
        {
            return;
        }

        CheckEnd(timestampNs, packetIndex);
        UpdateHole(timestampNs);
    }

    /// <summary>The connection is ending: buffered data is delivered with gaps before it, then the direction ends.</summary>
    public void Finish(long timestampNs, long packetIndex)
    {
        if (!Ended)
        {
            FlushAll(timestampNs, packetIndex);
            if (!Ended)
            {
                Ended = true;
                _handler.OnEnd(_direction, timestampNs, packetIndex);
            }
        }

        _holeSinceNs = NoHole;
        ReleaseBuffers();
    }

    private void FlushAll(long timestampNs, long packetIndex)
    {
        while (_buffered is { Count: > 0 })
        {
            FlushFirstHole(timestampNs, packetIndex);
        }

        if (_finSeen && _finOffset > _nextOffset)
        {
            Gap(_finOffset - _nextOffset, timestampNs, packetIndex);
        }

        CheckEnd(timestampNs, packetIndex);
    }

    private void CheckEnd(long timestampNs, long packetIndex)
    {
        if (_finSeen && !Ended && _nextOffset >= _finOffset)
        {
            Ended = true;
            _holeSinceNs = NoHole;
            ReleaseBuffers();
            _handler.OnEnd(_direction, timestampNs, packetIndex);
        }
    }

    /// <summary>Starts the hole clock when a hole appears and restarts it whenever the stream advances past part of it.</summary>
    private void UpdateHole(long timestampNs)
    {
        var hasHole = !Ended
            && (_buffered is { Count: > 0 } || (_hasAck && _ackedOffset > _nextOffset) || (_finSeen && _finOffset > _nextOffset));
        if (!hasHole)
        {
            _holeSinceNs = NoHole;
            return;
        }

        if (_holeSinceNs == NoHole || _nextOffset != _holeOffset)
        {
            _holeSinceNs = timestampNs;
            _holeOffset = _nextOffset;
            Connection.Tracker.RegisterHole(this);
        }
    }
}
