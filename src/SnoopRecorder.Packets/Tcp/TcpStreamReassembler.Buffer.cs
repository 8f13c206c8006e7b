using System.Buffers;

namespace SnoopRecorder.Packets;

internal sealed partial class TcpStreamReassembler
{
    // Sorted by offset, never overlapping, all beyond _nextOffset; created on the first out-of-order segment.
    private List<BufferedSegment>? _buffered;
    private long _bufferedBytes;

    private bool HasBufferedBefore(long offset) => _buffered is { Count: > 0 } && _buffered[0].Offset < offset;

    /// <summary>
    /// Buffers the parts of [offset, offset + data.Length) not buffered yet. Overlap policy: first seen wins, as the
    /// receiving stack keeps the bytes it queued first (RFC 9293 §3.10.7.4 lets it trim new segments to the window).
    /// Bytes that differ from the buffered copy are counted as conflicting and dropped, and the kept segment remembers
    /// the range they span, to announce it (<see cref="ITcpStreamHandler.OnConflict"/>) when it is delivered.
    /// </summary>
    private void Insert(long offset, ReadOnlySpan<byte> data, long timestampNs, long packetIndex)
    {
        _buffered ??= [];
        var end = offset + data.Length;
        var index = FirstEndingAfter(offset);
        var position = offset;
        var inserted = false;
        while (position < end)
        {
            if (index < _buffered.Count && _buffered[index].Offset <= position)
            {
                var existing = _buffered[index];
                var overlapEnd = Math.Min(end, existing.End);
                var fresh = data[(int)(position - offset)..(int)(overlapEnd - offset)];
                var kept = existing.Data[(int)(position - existing.Offset)..(int)(overlapEnd - existing.Offset)];
                _stats.RetransmittedBytes += fresh.Length;
                if (!fresh.SequenceEqual(kept))
                {
                    _stats.ConflictingBytes += CompareCopies(fresh, kept, out var first, out var last);
                    var relative = (int)(position - existing.Offset);
                    _buffered[index] = existing.Contest(relative + first, relative + last + 1, timestampNs, packetIndex);
                }

                position = overlapEnd;
                index++;
                continue;
            }

            var pieceEnd = index < _buffered.Count ? Math.Min(end, _buffered[index].Offset) : end;
            var piece = data[(int)(position - offset)..(int)(pieceEnd - offset)];
            var buffer = ArrayPool<byte>.Shared.Rent(piece.Length);
            piece.CopyTo(buffer);
            _buffered.Insert(index, new BufferedSegment(position, piece.Length, buffer, timestampNs, packetIndex));
            _bufferedBytes += piece.Length;
            _stats.OutOfOrderBytesHeld += piece.Length;
            inserted = true;
            position = pieceEnd;
            index++;
        }

        if (!inserted)
        {
            _stats.RetransmittedSegments++;
        }
    }

    private int FirstEndingAfter(long offset)
    {
        int low = 0, high = _buffered!.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_buffered[middle].End > offset)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    /// <summary>Counts the bytes in which two copies of the same range differ, and finds the first and last of them.</summary>
    private static int CompareCopies(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, out int first, out int last)
    {
        first = a.CommonPrefixLength(b);
        last = first;
        var count = 0;
        for (var i = first; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                count++;
                last = i;
            }
        }

        return count;
    }

    /// <summary>Delivers buffered segments that have become contiguous with the stream.</summary>
    private void Drain()
    {
        if (_buffered is not { Count: > 0 })
        {
            return;
        }

        var consumed = 0;
        while (consumed < _buffered.Count && _buffered[consumed].Offset <= _nextOffset)
        {
            var segment = _buffered[consumed++];
            _bufferedBytes -= segment.Length;
            _stats.OutOfOrderBytesHeld -= segment.Length;
            var skip = _nextOffset - segment.Offset;
            if (skip < segment.Length)
            {
                DeliverBuffered(segment, (int)skip);
            }

            ArrayPool<byte>.Shared.Return(segment.Buffer);
        }

        _buffered.RemoveRange(0, consumed);
    }

    /// <summary>
    /// Delivers a buffered segment from <paramref name="skip"/> on. Its contested bytes, if any, are announced just
    /// before them and delivered on their own, so that the announcement covers exactly the next delivery.
    /// </summary>
    private void DeliverBuffered(in BufferedSegment segment, int skip)
    {
        var data = segment.Data;
        if (segment.IsContested && segment.ContestedTo > skip)
        {
            var from = Math.Max(skip, segment.ContestedFrom);
            if (from > skip)
            {
                Deliver(data[skip..from], segment.TimestampNs, segment.PacketIndex, acknowledged: -1);
            }

            var contested = segment.ContestedTo - from;
            _stats.Conflicts++;
            _handler.OnConflict(_direction, contested, segment.ConflictTimestampNs, segment.ConflictPacketIndex);
            Deliver(data.Slice(from, contested), segment.TimestampNs, segment.PacketIndex, acknowledged: -1);
            skip = segment.ContestedTo;
        }

        if (skip < data.Length)
        {
            Deliver(data[skip..], segment.TimestampNs, segment.PacketIndex, acknowledged: -1);
        }
    }

    /// <summary>
    /// Over the per-direction cap, or with all connections together over theirs, the first hole is given up as a gap
    /// until the buffer fits again (or is empty: the others then hold no more than their total).
    /// </summary>
    private void EnforceCap(long timestampNs, long packetIndex)
    {
        while (_buffered is { Count: > 0 }
            && (_bufferedBytes > _options.MaxOutOfOrderBytesPerDirection
                || _buffered.Count > _options.MaxOutOfOrderSegmentsPerDirection
                || _stats.OutOfOrderBytesHeld > _options.MaxOutOfOrderBytesTotal))
        {
            _stats.OutOfOrderOverflows++;
            FlushFirstHole(timestampNs, packetIndex);
        }
    }

    private void FlushFirstHole(long timestampNs, long packetIndex)
    {
        var holeLength = _buffered![0].Offset - _nextOffset;
        if (holeLength > 0)
        {
            Gap(holeLength, timestampNs, packetIndex);
        }

        Drain();
    }

    /// <summary>Returns every pooled buffer; the direction holds no memory afterwards.</summary>
    public void ReleaseBuffers()
    {
        if (_buffered is null)
        {
            return;
        }

        foreach (var segment in _buffered)
        {
            ArrayPool<byte>.Shared.Return(segment.Buffer);
        }

        _buffered = null;
        _stats.OutOfOrderBytesHeld -= _bufferedBytes;
        _bufferedBytes = 0;
    }
}
