namespace SnoopRecorder.Capture.Export.Reassembled;

/// <summary>
/// Writes a pcapng file (one section, one interface, nanosecond timestamps) to a stream that may only be written
/// asynchronously: blocks are formatted into a pooled buffer and handed to the stream by <see cref="FlushAsync"/>, which
/// the caller awaits whenever <see cref="IsFlushDue"/>. Unlike classic pcap, each packet may carry a comment
/// (<c>opt_comment</c>), and so may the section header and the closing statistics block.
/// </summary>
public sealed class PcapngStreamWriter : IAsyncDisposable
{
    /// <summary>Comments are cut to this many characters: an option's length is 16 bits, and a reader shows one line.</summary>
    public const int MaxCommentLength = 4096;

    private const string InterfaceName = "reassembled";

    private readonly StreamWriteBuffer _buffer;

    /// <summary>Starts the file: the section header (with <paramref name="sectionComment"/>) and the interface.</summary>
    public PcapngStreamWriter(Stream output, int linkType, string? sectionComment, string application = "SnoopRecorder",
        int snapLength = PcapStreamWriter.DefaultSnapLength)
    {
        _buffer = new StreamWriteBuffer(output);
        sectionComment = Bounded(sectionComment);
        var length = PcapngLayout.SectionHeaderLength(sectionComment, application) + PcapngLayout.InterfaceDescriptionLength(InterfaceName);
        var start = _buffer.Reserve(length);
        var written = PcapngLayout.WriteSectionHeader(start, sectionComment, application);
        written += PcapngLayout.WriteInterfaceDescription(start[written..], linkType, snapLength, InterfaceName);
        _buffer.Advance(written);
    }

    /// <summary>Enough is buffered to be worth a write to the stream.</summary>
    public bool IsFlushDue => _buffer.IsFlushDue;

    /// <summary>Buffers one packet (an Enhanced Packet Block), with its comment when there is one.</summary>
    public void WritePacket(long timestampNs, ReadOnlySpan<byte> data, string? comment)
    {
        comment = Bounded(comment);
        var block = _buffer.Reserve(PcapngLayout.EnhancedPacketLength(data.Length, comment));
        _buffer.Advance(PcapngLayout.WriteEnhancedPacket(block, timestampNs, data, data.Length, comment));
    }

    /// <summary>Buffers the closing Interface Statistics Block: first and last packet times and a comment.</summary>
    public void WriteStatistics(long timestampNs, long startNs, long endNs, string? comment)
    {
        comment = Bounded(comment);
        var block = _buffer.Reserve(PcapngLayout.InterfaceStatisticsLength(comment));
        _buffer.Advance(PcapngLayout.WriteInterfaceStatistics(block, timestampNs, startNs, endNs, comment));
    }

    /// <summary>Writes what is buffered to the stream.</summary>
    public ValueTask FlushAsync(CancellationToken cancellationToken) => _buffer.FlushAsync(cancellationToken);

    /// <summary>Returns the buffer to the pool; what was not flushed is dropped.</summary>
    public ValueTask DisposeAsync()
    {
        _buffer.Release();
        return ValueTask.CompletedTask;
    }

    private static string? Bounded(string? comment) =>
        comment is { Length: > MaxCommentLength } ? string.Concat(comment.AsSpan(0, MaxCommentLength - 1), "…") : comment;
}
