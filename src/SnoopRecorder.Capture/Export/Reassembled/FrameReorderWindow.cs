using System.Buffers;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Capture.Export.Reassembled;

/// <summary>
/// Puts rebuilt frames back into packet-time order before they are written, within a bounded window.
/// </summary>
/// <remarks>
/// The reassembler delivers bytes later than they arrived (out-of-order data waits for the hole before it, a hole
/// waits up to a second before it is given up) and every connection's handshake is written only when its first data
/// comes, so frames of different connections reach the window out of time order. They are held, oldest released
/// first (equal times in arrival order, which keeps each connection's frames in stream order), once the window holds
/// more than <see cref="MaxFrames"/> frames or <see cref="MaxBytes"/> bytes, and all of them at the end. A frame that
/// comes after a later one was released (disorder wider than the window) is released at that later time, so times
/// in the file never go backwards.
/// </remarks>
internal sealed class FrameReorderWindow : ISyntheticFrameSink, IDisposable
{
    public const int MaxFrames = 8192;
    public const long MaxBytes = 16L << 20;

    private readonly PriorityQueue<HeldFrame, (long TimestampNs, long Order)> _queue = new();
    private long _order;
    private long _bytes;

    /// <summary>Time of the last frame released; <see cref="long.MinValue"/> before the first.</summary>
    public long LastReleasedNs { get; private set; } = long.MinValue;

    /// <summary>Time of the first frame released; <see cref="long.MinValue"/> before it.</summary>
    public long FirstReleasedNs { get; private set; } = long.MinValue;

    public void OnFrame(ReadOnlySpan<byte> frame, long timestampNs, string? comment)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(frame.Length);
        frame.CopyTo(buffer);
        _queue.Enqueue(new HeldFrame(buffer, frame.Length, timestampNs, comment), (timestampNs, _order++));
        _bytes += frame.Length;
    }

    /// <summary>Releases the oldest frame when the window holds more than it may.</summary>
    public bool TryReleaseDue(out HeldFrame frame)
    {
        if (_queue.Count > MaxFrames || _bytes > MaxBytes)
        {
            return TryRelease(out frame);
        }

        frame = default;
        return false;
    }

    /// <summary>Releases the oldest frame, its time raised to the last one released if it was earlier; give it back with <see cref="Return"/>.</summary>
    public bool TryRelease(out HeldFrame frame)
    {
        if (!_queue.TryDequeue(out frame, out _))
        {
            return false;
        }

        _bytes -= frame.Length;
        if (frame.TimestampNs < LastReleasedNs)
        {
            frame = frame with { TimestampNs = LastReleasedNs };
        }

        LastReleasedNs = frame.TimestampNs;
        if (FirstReleasedNs == long.MinValue)
        {
            FirstReleasedNs = frame.TimestampNs;
        }

        return true;
    }

    public static void Return(in HeldFrame frame) => ArrayPool<byte>.Shared.Return(frame.Buffer);

    public void Dispose()
    {
        while (_queue.TryDequeue(out var frame, out _))
        {
            Return(frame);
        }

        _bytes = 0;
    }
}
