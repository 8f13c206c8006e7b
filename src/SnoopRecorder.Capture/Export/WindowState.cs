namespace SnoopRecorder.Capture.Export;

/// <summary>A <see cref="ConnectionWindow"/> being matched against the records of one pass over the capture.</summary>
internal sealed class WindowState(ConnectionWindow window)
{
    public ConnectionWindow Window { get; } = window;

    /// <summary>A new SYN on the same endpoints came after the last packet: the 4-tuple now belongs to another connection.</summary>
    public bool TailClosed { get; private set; }

    /// <summary>The last record number this window may still take.</summary>
    public long EndIndex => Window.IsOpenEnded
        ? long.MaxValue
        : Window.LastPacketIndex + ConnectionPacketSelector.TrailingPackets;

    /// <summary>Whether a record of this window's endpoints belongs to it (and notes a new SYN after it).</summary>
    public bool Takes(long index, long timestampNs, bool isNewSyn)
    {
        var w = Window;
        if (index < w.FirstPacketIndex - ConnectionPacketSelector.ReorderedPackets
            || IsBefore(timestampNs, index, w.FirstPacketNs, w.FirstPacketIndex))
        {
            return false;
        }

        // The analysis fed records in (time, record number) order, so that order decides what lies between its
        // first and last packet even in a file whose records are not in time order.
        if (w.IsOpenEnded || !IsBefore(w.LastPacketNs, w.LastPacketIndex, timestampNs, index))
        {
            return true;
        }

        // After the last packet the analysis counted: trailing ACKs and retransmitted FINs that a closed connection
        // absorbs without counting them, until a new SYN reuses the 4-tuple.
        if (TailClosed || index > EndIndex)
        {
            return false;
        }

        if (isNewSyn)
        {
            TailClosed = true;
            return false;
        }

        return true;
    }

    private static bool IsBefore(long timestampNs, long index, long otherNs, long otherIndex) =>
        timestampNs < otherNs || (timestampNs == otherNs && index < otherIndex);
}
