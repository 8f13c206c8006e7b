using System.Buffers;

namespace SnoopRecorder.Capture.Files;

/// <summary>
/// Puts the records of a capture file back into packet-time order within a bounded window.
/// </summary>
/// <remarks>
/// Files do not always hold their records in time order: merged captures of several interfaces, pcapng files written
/// by tools that flush per interface, and files shuffled on purpose. TCP reassembly and HTTP pairing follow the order
/// they are fed, so records are held here (copied into pooled buffers, since libpcap's data pointer is valid only until
/// the next read) and released oldest first once the window is full. Records with equal times keep file order. The
/// window is bounded in packets and bytes, so memory does not grow with the file; disorder wider than the window is
/// left to the reassembler's out-of-order handling.
/// </remarks>
internal sealed class PacketReorderWindow : IDisposable
{
    public const int DefaultMaxPackets = 256;
    public const long DefaultMaxBytes = 8L << 20;

    private readonly PriorityQueue<HeldPacket, (long TimestampNs, long Index)> _queue = new();
    private readonly int _maxPackets;
    private readonly long _maxBytes;
    private long _bytes;

    public PacketReorderWindow(int maxPackets = DefaultMaxPackets, long maxBytes = DefaultMaxBytes)
    {
        _maxPackets = maxPackets;
        _maxBytes = maxBytes;
    }

    /// <summary>True while more is held than the window allows: pop until it is not.</summary>
    public bool IsOverfull => _queue.Count > _maxPackets || (_bytes > _maxBytes && _queue.Count > 0);

    public int Count => _queue.Count;

    public void Push(ReadOnlySpan<byte> frame, long timestampNs, long index)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(frame.Length, 1));
        frame.CopyTo(buffer);
        _queue.Enqueue(new HeldPacket(buffer, frame.Length, timestampNs, index), (timestampNs, index));
        _bytes += frame.Length;
    }

    /// <summary>Takes the oldest record out; give it back with <see cref="Release"/> once it has been used.</summary>
    public bool TryPop(out HeldPacket packet)
    {
        if (!_queue.TryDequeue(out packet, out _))
        {
            return false;
        }

        _bytes -= packet.Length;
        return true;
    }

    public static void Release(in HeldPacket packet) => ArrayPool<byte>.Shared.Return(packet.Buffer);

    public void Dispose()
    {
        while (TryPop(out var packet))
        {
            Release(packet);
        }
    }
}
