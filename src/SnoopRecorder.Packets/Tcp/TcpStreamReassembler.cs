namespace SnoopRecorder.Packets;

/// <summary>
/// One direction of one connection: maps 32-bit sequence numbers to 64-bit stream offsets, delivers in-order bytes at
/// once, buffers out-of-order ones, and turns holes into gaps (see <see cref="TcpConnectionTracker"/> for the policies).
/// Offset 0 is the first data byte: ISN + 1 when the SYN was seen, otherwise the first sequence number seen.
/// </summary>
internal sealed partial class TcpStreamReassembler
{
    private readonly TcpReassemblyOptions _options;
    private readonly TcpReassemblyStats _stats;
    private readonly TcpDirection _direction;
    private readonly long _ackedHoleTimeoutNs;
    private ITcpStreamHandler _handler;

    private bool _started;
    private bool _startedFromSyn;
    private uint _isn;
    private uint _baseSequence;

    // Invariant: every byte below _nextOffset was delivered or reported as a gap, exactly once.
    private long _nextOffset;

    public TcpStreamReassembler(TcpConnection connection, TcpDirection direction, TcpReassemblyOptions options, TcpReassemblyStats stats)
    {
        Connection = connection;
        _direction = direction;
        _options = options;
        _stats = stats;
        _ackedHoleTimeoutNs = (long)(options.AckedHoleTimeout.Ticks * TimeSpan.NanosecondsPerTick);
        _handler = NullStreamHandler.Instance;
    }

    public TcpConnection Connection { get; }

    public bool Ended { get; private set; }

    /// <summary>Bytes were delivered, buffered or given up in this direction, or it ended.</summary>
    public bool HasProgress => _nextOffset > 0 || _buffered is { Count: > 0 } || _finSeen || Ended;

    /// <summary>The SYN fixed this direction's initial sequence number.</summary>
    public bool StartedFromSyn => _startedFromSyn;

    public uint InitialSequenceNumber => _isn;

    /// <summary>
    /// The offset in this direction's stream that <paramref name="acknowledgmentNumber"/> (sent by the other side)
    /// acknowledges, or -1 before this direction is placed in sequence space or when it lies before offset 0.
    /// </summary>
    public long ToAcknowledgedOffset(uint acknowledgmentNumber)
    {
        if (!_started)
        {
            return -1;
        }

        var offset = ToOffset(acknowledgmentNumber);
        return offset < 0 ? -1 : offset;
    }

    public void SetHandler(ITcpStreamHandler handler) => _handler = handler;

    /// <summary>A SYN fixes the ISN, unless data of this direction has already been placed against an earlier guess.</summary>
    public void StartFromSyn(uint isn)
    {
        if (_startedFromSyn || (_started && HasProgress))
        {
            return;
        }

        _started = true;
        _startedFromSyn = true;
        _isn = isn;
        _baseSequence = unchecked(isn + 1);
        _hasAck = false;
    }

    /// <summary>Without a SYN, the first sequence number seen is offset 0.</summary>
    public void StartFromSequence(uint sequenceNumber)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        _baseSequence = sequenceNumber;
    }

    /// <summary>
    /// Serial number arithmetic (RFC 1982, RFC 9293 §3.4): the sequence number is taken as the one within ±2^31 of the
    /// next expected byte, so wrapping past 2^32 is a non-event.
    /// </summary>
    public long ToOffset(uint sequenceNumber)
    {
        var expected = unchecked(_baseSequence + (uint)_nextOffset);
        return _nextOffset + unchecked((int)(sequenceNumber - expected));
    }

    /// <summary>
    /// Places a segment's payload at <paramref name="offset"/>; <paramref name="declaredLength"/> counts bytes the
    /// snapshot length cut; <paramref name="acknowledged"/> is the segment's ACK as an offset in the other direction
    /// (-1: unknown), passed on with the bytes delivered at once.
    /// </summary>
    public void Receive(long offset, ReadOnlySpan<byte> payload, int declaredLength, long timestampNs, long packetIndex, long acknowledged)
    {
        if (Ended || declaredLength == 0)
        {
            return;
        }

        var capturedEnd = offset + payload.Length;
        var declaredEnd = offset + declaredLength;
        if (_finSeen && capturedEnd > _finOffset)
        {
            // Bytes past an accepted FIN cannot be part of this stream.
            var beyond = (int)Math.Min(payload.Length, capturedEnd - _finOffset);
            payload = payload[..^beyond];
            capturedEnd -= beyond;
            declaredEnd = Math.Min(declaredEnd, _finOffset);
        }

        // Bytes below _nextOffset were delivered and are not kept (keeping a copy of every delivered byte to compare
        // against would cost as much as the stream): a differing copy of them is dropped as a retransmission, without
        // being compared, and not reported as a conflict.
        if (capturedEnd <= _nextOffset)
        {
            _stats.RetransmittedSegments++;
            _stats.RetransmittedBytes += payload.Length;
        }
        else
        {
            if (offset < _nextOffset)
            {
                var seen = (int)(_nextOffset - offset);
                _stats.RetransmittedBytes += seen;
                payload = payload[seen..];
                offset = _nextOffset;
            }

            if (offset == _nextOffset)
            {
                ReceiveInOrder(payload, timestampNs, packetIndex, acknowledged);
            }
            else
            {
                _stats.OutOfOrderSegments++;
                Insert(offset, payload, timestampNs, packetIndex);
                EnforceCap(timestampNs, packetIndex);
            }
        }

        if (declaredEnd > capturedEnd && _nextOffset == capturedEnd && !HasBufferedBefore(declaredEnd))
        {
            // The snapshot length cut this segment: the rest was sent but is not in the capture.
            Gap(declaredEnd - capturedEnd, timestampNs, packetIndex);
            Drain();
        }

        CheckEnd(timestampNs, packetIndex);
        UpdateHole(timestampNs);
    }

    private void ReceiveInOrder(ReadOnlySpan<byte> payload, long timestampNs, long packetIndex, long acknowledged)
    {
        // First seen wins: bytes already buffered for this range are kept; the new copy only fills what is missing.
        var direct = payload;
        if (_buffered is { Count: > 0 })
        {
            var room = _buffered[0].Offset - _nextOffset;
            if (room < direct.Length)
            {
                direct = payload[..(int)room];
            }
        }

        if (!direct.IsEmpty)
        {
            Deliver(direct, timestampNs, packetIndex, acknowledged);
        }

        if (direct.Length < payload.Length)
        {
            Insert(_nextOffset, payload[direct.Length..], timestampNs, packetIndex);
        }

        Drain();
    }

    private void Deliver(ReadOnlySpan<byte> data, long timestampNs, long packetIndex, long acknowledged)
    {
        _nextOffset += data.Length;
        _stats.BytesDelivered += data.Length;
        _handler.OnData(_direction, data, timestampNs, packetIndex, acknowledged);
    }

    private void Gap(long length, long timestampNs, long packetIndex)
    {
        _nextOffset += length;
        _stats.Gaps++;
        _stats.GapBytes += length;
        _handler.OnGap(_direction, length, timestampNs, packetIndex);
    }
}
