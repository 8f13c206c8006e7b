namespace SnoopRecorder.Capture.Files;

/// <summary>
/// Appends packets to a classic pcap file with nanosecond timestamps (magic A1B23C4D), the format every tool reads.
/// <see cref="Flush"/> pushes complete records to the file so that a reader (a download while recording, or whatever
/// survives a crash) sees the capture up to its last complete packet.
/// </summary>
public sealed class PcapFileWriter : IDisposable
{
    public const int FileHeaderLength = PcapLayout.FileHeaderLength;
    public const int RecordHeaderLength = PcapLayout.RecordHeaderLength;
    private const int WriteBufferBytes = 1 << 20;

    private readonly FileStream _file;

    public PcapFileWriter(string path, int linkType, int snapLength)
    {
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, WriteBufferBytes);
        Span<byte> header = stackalloc byte[FileHeaderLength];
        PcapLayout.WriteFileHeader(header, linkType, snapLength);
        _file.Write(header);
        Flush();
    }

    /// <summary>Bytes of the file a reader may take: the header and every complete record flushed so far.</summary>
    public long FlushedLength => Volatile.Read(ref _flushedLength);

    private long _flushedLength;

    public void Write(long timestampNs, ReadOnlySpan<byte> data, int wireLength)
    {
        Span<byte> header = stackalloc byte[RecordHeaderLength];
        PcapLayout.WriteRecordHeader(header, timestampNs, data.Length, wireLength);
        _file.Write(header);
        _file.Write(data);
    }

    /// <summary>Hands what was written to the operating system (not to the disk: a crash of the process loses nothing).</summary>
    public void Flush()
    {
        _file.Flush(flushToDisk: false);
        Volatile.Write(ref _flushedLength, _file.Position);
    }

    public void Dispose()
    {
        try
        {
            Flush();
        }
        finally
        {
            _file.Dispose();
        }
    }
}
