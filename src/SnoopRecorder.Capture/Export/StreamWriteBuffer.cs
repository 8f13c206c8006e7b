using System.Buffers;

namespace SnoopRecorder.Capture.Export;

/// <summary>
/// The pooled buffer of a capture file written to a stream that may only be written asynchronously (an HTTP response
/// body): a writer formats records into <see cref="Reserve"/>'s span and <see cref="Advance"/>s, and its caller
/// awaits <see cref="FlushAsync"/> whenever <see cref="IsFlushDue"/>. Memory stays at about one buffer whatever the
/// file's size.
/// </summary>
internal sealed class StreamWriteBuffer(Stream output)
{
    private const int FlushThreshold = 1 << 16;

    private readonly Stream _output = output ?? throw new ArgumentNullException(nameof(output));
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(FlushThreshold * 2);
    private int _length;

    /// <summary>Enough is buffered to be worth a write to the stream.</summary>
    public bool IsFlushDue => _length >= FlushThreshold;

    /// <summary>Free space of at least <paramref name="bytes"/> after what is buffered.</summary>
    public Span<byte> Reserve(int bytes)
    {
        if (_buffer.Length - _length < bytes)
        {
            // A record larger than the free space (a jumbo frame after a full buffer): grow rather than write synchronously.
            var larger = ArrayPool<byte>.Shared.Rent(_length + bytes);
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        return _buffer.AsSpan(_length);
    }

    /// <summary>Counts <paramref name="bytes"/> written into the span <see cref="Reserve"/> gave as buffered.</summary>
    public void Advance(int bytes) => _length += bytes;

    /// <summary>Writes what is buffered to the stream.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_length > 0)
        {
            await _output.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
            _length = 0;
        }
    }

    /// <summary>Returns the buffer to the pool; what was not flushed is dropped.</summary>
    public void Release()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
