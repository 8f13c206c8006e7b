using System.Buffers;

namespace SnoopRecorder.Http.Parsing;

/// <summary>
/// Input a parser holds back while it waits (a response whose request is not parsed yet), replayed in order later.
/// The owner bounds <see cref="ByteCount"/>; the array is pooled.
/// </summary>
internal sealed class DeferredInput
{
    private readonly List<DeferredEvent> _events = [];
    private byte[] _bytes = [];
    private int _length;

    public int ByteCount => _length;

    public int EventCount => _events.Count;

    public void AddData(ReadOnlySpan<byte> data, long timestampNs, long packetIndex)
    {
        if (_length + data.Length > _bytes.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_length + data.Length, _bytes.Length * 2));
            _bytes.AsSpan(0, _length).CopyTo(grown);
            ReturnArray();
            _bytes = grown;
        }

        data.CopyTo(_bytes.AsSpan(_length));
        _events.Add(new DeferredEvent(DeferredEventKind.Data, _length, data.Length, timestampNs, packetIndex));
        _length += data.Length;
    }

    public void AddGap(long length, long timestampNs, long packetIndex)
        => _events.Add(new DeferredEvent(DeferredEventKind.Gap, _length, length, timestampNs, packetIndex));

    public void AddEnd(long timestampNs, long packetIndex)
        => _events.Add(new DeferredEvent(DeferredEventKind.End, _length, 0, timestampNs, packetIndex));

    /// <summary>Feeds every held event to <paramref name="parser"/> in order, then empties itself.</summary>
    public void ReplayInto(HttpStreamParser parser)
    {
        foreach (var item in _events)
        {
            switch (item.Kind)
            {
                case DeferredEventKind.Data:
                    parser.Feed(_bytes.AsSpan(item.Offset, (int)item.Length), item.TimestampNs, item.PacketIndex);
                    break;
                case DeferredEventKind.Gap:
                    parser.Gap(item.Length, item.TimestampNs, item.PacketIndex);
                    break;
                default:
                    parser.End(item.TimestampNs, item.PacketIndex);
                    break;
            }
        }

        Clear();
    }

    public void Clear()
    {
        _events.Clear();
        _length = 0;
        ReturnArray();
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
