namespace SnoopRecorder.Capture.Files;

/// <summary>
/// Reads, record by record, a classic pcap file that <see cref="PcapFileWriter"/> is still appending to, never past
/// the length the writer has flushed (always a record boundary). A live session's analysis follows its capture file
/// with it, so the file, not memory, absorbs the backlog when the analysis falls behind.
/// </summary>
public sealed class PcapFileTail : IDisposable
{
    private const int ReadBufferBytes = 1 << 20;

    private readonly FileStream _file;
    private byte[] _record = new byte[64 * 1024];

    public PcapFileTail(string path)
    {
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, ReadBufferBytes);
        _file.Position = PcapFileWriter.FileHeaderLength;
    }

    /// <summary>Where the next record starts.</summary>
    public long Position => _file.Position;

    /// <summary>Reads the next record if it lies wholly before <paramref name="flushedLength"/>.</summary>
    /// <param name="flushedLength">The writer's <see cref="PcapFileWriter.FlushedLength"/>.</param>
    /// <param name="data">The record's bytes, valid until the next call.</param>
    /// <param name="timestampNs">The packet's time, Unix nanoseconds.</param>
    /// <exception cref="InvalidDataException">The file is not what the writer writes.</exception>
    public bool TryReadNext(long flushedLength, out ReadOnlySpan<byte> data, out long timestampNs)
    {
        data = default;
        timestampNs = 0;
        if (_file.Position + PcapFileWriter.RecordHeaderLength > flushedLength)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[PcapFileWriter.RecordHeaderLength];
        _file.ReadExactly(header);
        var length = PcapLayout.CapturedLength(header);
        if (length < 0 || _file.Position + length > flushedLength)
        {
            throw new InvalidDataException($"a record at offset {_file.Position - header.Length} runs past the flushed capture");
        }

        if (length > _record.Length)
        {
            _record = new byte[Math.Max(length, _record.Length * 2)];
        }

        _file.ReadExactly(_record, 0, length);
        timestampNs = PcapLayout.TimestampNs(header);
        data = _record.AsSpan(0, length);
        return true;
    }

    public void Dispose() => _file.Dispose();
}
