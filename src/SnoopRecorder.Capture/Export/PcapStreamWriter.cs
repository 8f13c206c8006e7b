using System.Buffers;

using SnoopRecorder.Capture.Files;

namespace SnoopRecorder.Capture.Export;

/// <summary>
/// Writes a classic pcap file with nanosecond timestamps (magic A1B23C4D) to a stream that may only be written
/// asynchronously (an HTTP response body): records are formatted into a pooled buffer by <see cref="Write"/> and
/// handed to the stream by <see cref="FlushAsync"/>, which the caller awaits whenever <see cref="IsFlushDue"/>. Memory
/// stays at about one buffer whatever the capture's size.
/// </summary>
public sealed class PcapStreamWriter : IAsyncDisposable
{
    /// <summary>The snapshot length written in the header: libpcap's maximum for most link types.</summary>
    public const int DefaultSnapLength = 262_144;

    private const int FileHeaderLength = PcapLayout.FileHeaderLength;
    private const int RecordHeaderLength = PcapLayout.RecordHeaderLength;
    private const int FlushThreshold = 1 << 16;

    private readonly Stream _output;
    private byte[] _buffer;
    private int _length;

    public PcapStreamWriter(Stream output, int linkType, int snapLength = DefaultSnapLength)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _buffer = ArrayPool<byte>.Shared.Rent(FlushThreshold * 2);
        PcapLayout.WriteFileHeader(_buffer, linkType, snapLength);
        _length = FileHeaderLength;
    }

    /// <summary>Enough is buffered to be worth a write to the stream.</summary>
    public bool IsFlushDue => _length >= FlushThreshold;

    /// <summary>Buffers one record; <paramref name="wireLength"/> below the data's length means "as captured".</summary>
    public void Write(long timestampNs, ReadOnlySpan<byte> data, int wireLength)
    {
        EnsureRoom(RecordHeaderLength + data.Length);
        var record = _buffer.AsSpan(_length);
        PcapLayout.WriteRecordHeader(record, timestampNs, data.Length, wireLength);
        data.CopyTo(record[RecordHeaderLength..]);
        _length += RecordHeaderLength + data.Length;
    }

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
    public ValueTask DisposeAsync()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return ValueTask.CompletedTask;
    }

    private void EnsureRoom(int bytes)
    {
        if (_buffer.Length - _length >= bytes)
        {
            return;
        }

        // A record larger than the free space (a jumbo frame after a full buffer): grow rather than write synchronously.
        var larger = ArrayPool<byte>.Shared.Rent(_length + bytes);
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
