namespace SnoopRecorder.Packets;

/// <summary>Running counters of one <see cref="TcpConnectionTracker"/>.</summary>
public sealed class TcpReassemblyStats
{
    /// <summary>Segments handed to <see cref="TcpConnectionTracker.Process"/>.</summary>
    public long Segments { get; internal set; }

    /// <summary>Bytes delivered through <see cref="ITcpStreamHandler.OnData"/>.</summary>
    public long BytesDelivered { get; internal set; }

    /// <summary>Segments whose payload was entirely delivered or buffered already.</summary>
    public long RetransmittedSegments { get; internal set; }

    /// <summary>Payload bytes dropped because the same stream range was already delivered or buffered.</summary>
    public long RetransmittedBytes { get; internal set; }

    /// <summary>Of <see cref="RetransmittedBytes"/>, those that differed from the buffered bytes they overlapped (first seen was kept).</summary>
    public long ConflictingBytes { get; internal set; }

    /// <summary>Calls to <see cref="ITcpStreamHandler.OnConflict"/>: delivered ranges that had a conflicting copy.</summary>
    public long Conflicts { get; internal set; }

    /// <summary>Segments that arrived ahead of a hole and were buffered.</summary>
    public long OutOfOrderSegments { get; internal set; }

    /// <summary>Times the out-of-order cap forced a hole to become a gap.</summary>
    public long OutOfOrderOverflows { get; internal set; }

    /// <summary>Calls to <see cref="ITcpStreamHandler.OnGap"/>.</summary>
    public long Gaps { get; internal set; }

    /// <summary>Out-of-order bytes buffered now, all connections together (see <see cref="TcpReassemblyOptions.MaxOutOfOrderBytesTotal"/>).</summary>
    public long OutOfOrderBytesHeld { get; internal set; }

    /// <summary>Bytes reported missing through <see cref="ITcpStreamHandler.OnGap"/>.</summary>
    public long GapBytes { get; internal set; }

    public long ConnectionsOpened { get; internal set; }

    public long ConnectionsClosed { get; internal set; }

    /// <summary>Open connections closed by the <see cref="TcpReassemblyOptions.MaxConnections"/> cap.</summary>
    public long ConnectionsEvicted { get; internal set; }

    /// <summary>Segments for a closed connection (trailing ACKs, retransmitted FINs) or a lone RST: absorbed without effect.</summary>
    public long IgnoredSegments { get; internal set; }

    /// <summary>
    /// RSTs on an open connection whose sequence number was implausible for their sender (out of window, or not
    /// acknowledging the SYN in SYN-SENT): ignored, the connection went on (see <see cref="TcpConnectionTracker"/>).
    /// </summary>
    public long IgnoredResets { get; internal set; }
}
