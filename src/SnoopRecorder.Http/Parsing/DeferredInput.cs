using System.Buffers;
using System.Diagnostics;

namespace SnoopRecorder.Http.Parsing;

/// <summary>
/// Input a parser holds back while it waits (a response whose request is not parsed yet), replayed in order later.
/// The owner bounds <see cref="ByteCount"/>; the array is pooled. Each event's bytes, and <see cref="EventBytes"/> for
/// the event itself, are taken from the conversation's <see cref="ConversationMemory"/>: an event it has no room for
/// is refused. Input deferred during a replay is a part of the input being replayed, already counted there: it is
/// <c>covered</c>, and takes over that input's share (see <see cref="ReplayInto"/>).
/// </summary>
internal sealed class DeferredInput(ConversationMemory memory)
{
    /// <summary>What one held event costs beside its bytes (a 1-byte packet otherwise holds 32 bytes for free).</summary>
    public const int EventBytes = 32;

    // Events kept for the next wait; a long wait's list is let go rather than kept for the connection's lifetime.
    private const int RetainedEventCapacity = 64;

    private readonly List<DeferredEvent> _events = [];
    private byte[] _bytes = [];
    private int _length;
    private long _charged;
    private long _covered;

    public int ByteCount => _length;

    public int EventCount => _events.Count;

    /// <summary>Holds a copy of <paramref name="data"/>; false (nothing held) when there is no room for it.</summary>
    public bool TryAddData(ReadOnlySpan<byte> data, long timestampNs, long packetIndex, long streamOffset, long acknowledged, bool covered)
    {
        // Pieces of one input (a contested range splits it) stay one event, so a replayed event is deferred again as
        // at most one: its share always covers what is deferred of it.
        var last = _events.Count > 0 ? _events[^1] : default;
        var extends = last.Kind == DeferredEventKind.Data && last.Length > 0 && last.Offset + last.Length == _length
            && last.TimestampNs == timestampNs && last.PacketIndex == packetIndex;
        if (!TryCharge(data.Length + (extends ? 0 : EventBytes), covered))
        {
            return false;
        }

        if (_length + data.Length > _bytes.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_length + data.Length, _bytes.Length * 2));
            _bytes.AsSpan(0, _length).CopyTo(grown);
            ReturnArray();
            _bytes = grown;
        }

        data.CopyTo(_bytes.AsSpan(_length));
        if (extends)
        {
            _events[^1] = last with { Length = last.Length + data.Length };
        }
        else
        {
            _events.Add(new DeferredEvent(DeferredEventKind.Data, _length, data.Length, timestampNs, packetIndex, streamOffset, acknowledged));
        }

        _length += data.Length;
        return true;
    }

    /// <summary>Holds a gap (or, with <paramref name="isEnd"/>, the end); false when there is no room for it.</summary>
    public bool TryAddEvent(bool isEnd, long length, long timestampNs, long packetIndex, long streamOffset, bool covered)
    {
        if (!TryCharge(EventBytes, covered))
        {
            return false;
        }

        _events.Add(isEnd
            ? new DeferredEvent(DeferredEventKind.End, _length, 0, timestampNs, packetIndex, streamOffset, -1)
            : new DeferredEvent(DeferredEventKind.Gap, _length, length, timestampNs, packetIndex, streamOffset, -1));
        return true;
    }

    /// <summary>
    /// Feeds every held event to <paramref name="parser"/> in order, then empties itself. When the parser may not
    /// wait again (<paramref name="mayWaitAgain"/> false), the whole share is given back first, so what the replay
    /// parses has all its room. Otherwise each event's share is given back once it is fed, except what
    /// <paramref name="next"/> deferred of it (the parser waits again): that part moves there, so the bytes held back
    /// again never need new room.
    /// </summary>
    public void ReplayInto(HttpStreamParser parser, DeferredInput next, bool mayWaitAgain)
    {
        if (!mayWaitAgain)
        {
            memory.Give(_charged);
            _charged = 0;
        }

        foreach (var item in _events)
        {
            long share = EventBytes;
            switch (item.Kind)
            {
                case DeferredEventKind.Data:
                    parser.Feed(_bytes.AsSpan(item.Offset, (int)item.Length), item.TimestampNs, item.PacketIndex, item.StreamOffset, item.Acknowledged);
                    share += item.Length;
                    break;
                case DeferredEventKind.Gap:
                    parser.Gap(item.Length, item.TimestampNs, item.PacketIndex, item.StreamOffset);
                    break;
                default:
                    parser.End(item.TimestampNs, item.PacketIndex);
                    break;
            }

            if (mayWaitAgain)
            {
                // What was deferred again is a part of this event (one event at most, its bytes at most).
                var moved = next._covered;
                next._charged += moved;
                next._covered = 0;
                memory.Give(share - moved);
                _charged -= share;
            }
        }

        Debug.Assert(next._covered == 0, "A parser that may not wait again held input back during its replay.");
        Clear();
    }

    public void Clear()
    {
        _events.Clear();
        if (_events.Capacity > RetainedEventCapacity)
        {
            _events.Capacity = 0;
        }

        _length = 0;
        ReturnArray();
        memory.Give(_charged);
        _charged = 0;
        _covered = 0;
    }

    private bool TryCharge(int bytes, bool covered)
    {
        if (covered)
        {
            _covered += bytes;
            return true;
        }

        if (!memory.TryTake(bytes))
        {
            memory.CountWaitGivenUp();
            return false;
        }

        _charged += bytes;
        return true;
    }

    private void ReturnArray()
    {
        if (_bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = [];
        }
    }
}
