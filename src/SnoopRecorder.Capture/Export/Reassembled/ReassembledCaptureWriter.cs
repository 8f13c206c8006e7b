using SnoopRecorder.Packets;

namespace SnoopRecorder.Capture.Export.Reassembled;

/// <summary>
/// Writes a clean capture rebuilt from the reassembled TCP streams of one or more capture files, as one pcapng file
/// (Ethernet, nanosecond timestamps) streamed as it is written: each source's packets go through its own
/// <see cref="TcpStreamRebuilder"/>, the sources merged by packet time, and the rebuilt frames of all of them through
/// one <see cref="FrameReorderWindow"/> into time order.
/// </summary>
/// <remarks>
/// One pass over each source. Memory is bounded: per source the analysis's reorder window (256 records) and the
/// reassembler's limits, and the frame window (<see cref="FrameReorderWindow.MaxFrames"/> frames,
/// <see cref="FrameReorderWindow.MaxBytes"/> bytes) plus what one packet releases at once. The counts of gaps and
/// synthesised packets are known only at the end, so they are written in the closing Interface Statistics Block;
/// each gap is also marked on the packet after it, where a reader meets it.
/// </remarks>
public static class ReassembledCaptureWriter
{
    // As the analysis does: idle connections and stale holes are swept every this many records of a source.
    private const int SweepInterval = 1024;

    /// <summary>Streams the rebuilt capture to <paramref name="output"/> and returns its totals.</summary>
    /// <param name="sources">The captures, each read once; equal packet times keep this order.</param>
    /// <param name="output">Where the pcapng file goes.</param>
    /// <param name="description">What the capture holds, for the section comment ("session abc", "exchange 12").</param>
    /// <param name="cancellationToken">Stops the export (the client went away).</param>
    public static async Task<RebuildSummary> WriteAsync(
        IReadOnlyList<ReassembledCaptureSource> sources, Stream output, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        await using var writer = new PcapngStreamWriter(output, LinkTypes.Ethernet, ReassembledCaptureComments.Section(description));
        using var window = new FrameReorderWindow();
        var rebuilders = new TcpStreamRebuilder[sources.Count];
        var lastNs = new long[sources.Count];
        var records = new long[sources.Count];
        var queue = new PriorityQueue<int, (long TimestampNs, int Order)>(sources.Count);
        for (var i = 0; i < sources.Count; i++)
        {
            rebuilders[i] = new TcpStreamRebuilder(window);
            if (sources[i].MoveNext(cancellationToken))
            {
                queue.Enqueue(i, (sources[i].TimestampNs, i));
            }
        }

        while (queue.TryDequeue(out var i, out _))
        {
            var source = sources[i];
            Feed(rebuilders[i], source, ++records[i]);
            lastNs[i] = Math.Max(lastNs[i], source.TimestampNs);
            await WriteAsync(window, writer, all: false, cancellationToken);
            if (source.MoveNext(cancellationToken))
            {
                queue.Enqueue(i, (source.TimestampNs, i));
            }
        }

        var summary = new RebuildSummary();
        for (var i = 0; i < rebuilders.Length; i++)
        {
            rebuilders[i].Finish(lastNs[i]);
            summary.Add(rebuilders[i].Summary);
        }

        await WriteAsync(window, writer, all: true, cancellationToken);
        var endNs = Math.Max(window.LastReleasedNs, 0);
        writer.WriteStatistics(endNs, Math.Max(window.FirstReleasedNs, 0), endNs, ReassembledCaptureComments.Totals(summary));
        await writer.FlushAsync(cancellationToken);
        return summary;
    }

    private static void Feed(TcpStreamRebuilder rebuilder, ReassembledCaptureSource source, long records)
    {
        if (PacketDecoder.TryDecode(source.DecoderLinkType, source.Frame, out var segment) == DecodeResult.Tcp)
        {
            rebuilder.Process(segment, source.TimestampNs, source.Index);
        }

        if (records % SweepInterval == 0)
        {
            rebuilder.Advance(source.TimestampNs);
        }
    }

    private static async Task WriteAsync(FrameReorderWindow window, PcapngStreamWriter writer, bool all, CancellationToken cancellationToken)
    {
        while (all ? window.TryRelease(out var frame) : window.TryReleaseDue(out frame))
        {
            writer.WritePacket(frame.TimestampNs, frame.Frame, frame.Comment);
            FrameReorderWindow.Return(frame);
            if (writer.IsFlushDue)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }
    }
}
