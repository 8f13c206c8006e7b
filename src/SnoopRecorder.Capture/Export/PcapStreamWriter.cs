using SnoopRecorder.Capture.Files;

namespace SnoopRecorder.Capture.Export;

/// <summary>
/// Writes a classic pcap file with nanosecond timestamps (magic A1B23C4D) to a stream that may only be written
/// asynchronously (an HTTP response body): records are formatted into a pooled buffer by <see cref="Write"/> and
/// handed to the stream by <see cref="FlushAsync"/>, which the caller awaits whenever <see cref="IsFlushDue"/>
/// (<see cref="StreamWriteBuffer"/>).
/// </summary>
public sealed class PcapStreamWriter : IAsyncDisposable
{
    /// <summary>The snapshot length written in the header: libpcap's maximum for most link types.</summary>
    public const int DefaultSnapLength = 262_144;

    private const int RecordHeaderLength = PcapLayout.RecordHeaderLength;

    private readonly StreamWriteBuffer _buffer;

    public PcapStreamWriter(Stream output, int linkType, int snapLength = DefaultSnapLength)
    {
        _buffer = new StreamWriteBuffer(output);
        PcapLayout.WriteFileHeader(_buffer.Reserve(PcapLayout.FileHeaderLength), linkType, snapLength);
        _buffer.Advance(PcapLayout.FileHeaderLength);
    }

    /// <summary>Enough is buffered to be worth a write to the stream.</summary>
    public bool IsFlushDue => _buffer.IsFlushDue;

    /// <summary>Buffers one record; <paramref name="wireLength"/> below the data's length means "as captured".</summary>
    public void Write(long timestampNs, ReadOnlySpan<byte> data, int wireLength)
    {
        var record = _buffer.Reserve(RecordHeaderLength + data.Length);
        PcapLayout.WriteRecordHeader(record, timestampNs, data.Length, wireLength);
        data.CopyTo(record[RecordHeaderLength..]);
        _buffer.Advance(RecordHeaderLength + data.Length);
    }

    /// <summary>Writes what is buffered to the stream.</summary>
    public ValueTask FlushAsync(CancellationToken cancellationToken) => _buffer.FlushAsync(cancellationToken);

    /// <summary>Returns the buffer to the pool; what was not flushed is dropped.</summary>
    public ValueTask DisposeAsync()
    {
        _buffer.Release();
        return ValueTask.CompletedTask;
    }
}
