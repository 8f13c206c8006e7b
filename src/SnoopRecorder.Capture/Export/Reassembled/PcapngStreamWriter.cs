using System.Buffers;

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

    private const int FlushThreshold = 1 << 16;
    private const string InterfaceName = "reassembled";

    private readonly Stream _output;
    private byte[] _buffer;
    private int _length;

    /// <summary>Starts the file: the section header (with <paramref name="sectionComment"/>) and the interface.</summary>
    public PcapngStreamWriter(Stream output, int linkType, string? sectionComment, string application = "SnoopRecorder",
        int snapLength = PcapStreamWriter.DefaultSnapLength)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _buffer = ArrayPool<byte>.Shared.Rent(FlushThreshold * 2);
        sectionComment = Bounded(sectionComment);
        EnsureRoom(PcapngLayout.SectionHeaderLength(sectionComment, application) + PcapngLayout.InterfaceDescriptionLength(InterfaceName));
        _length += PcapngLayout.WriteSectionHeader(_buffer.AsSpan(_length), sectionComment, application);
        _length += PcapngLayout.WriteInterfaceDescription(_buffer.AsSpan(_length), linkType, snapLength, InterfaceName);
    }

    /// <summary>Enough is buffered to be worth a write to the stream.</summary>
    public bool IsFlushDue => _length >= FlushThreshold;

    /// <summary>Buffers one packet (an Enhanced Packet Block), with its comment when there is one.</summary>
    public void WritePacket(long timestampNs, ReadOnlySpan<byte> data, string? comment)
    {
        comment = Bounded(comment);
        EnsureRoom(PcapngLayout.EnhancedPacketLength(data.Length, comment));
        _length += PcapngLayout.WriteEnhancedPacket(_buffer.AsSpan(_length), timestampNs, data, data.Length, comment);
    }

    /// <summary>Buffers the closing Interface Statistics Block: first and last packet times and a comment.</summary>
    public void WriteStatistics(long timestampNs, long startNs, long endNs, string? comment)
    {
        comment = Bounded(comment);
        EnsureRoom(PcapngLayout.InterfaceStatisticsLength(comment));
        _length += PcapngLayout.WriteInterfaceStatistics(_buffer.AsSpan(_length), timestampNs, startNs, endNs, comment);
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

    private static string? Bounded(string? comment) =>
        comment is { Length: > MaxCommentLength } ? string.Concat(comment.AsSpan(0, MaxCommentLength - 1), "…") : comment;

    private void EnsureRoom(int bytes)
    {
        if (_buffer.Length - _length >= bytes)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(_length + bytes);
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
