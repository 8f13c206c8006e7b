namespace SnoopRecorder.Capture.Export;

/// <summary>
/// Writes the selected packets of several capture files as one classic pcap file, in packet-time order: a k-way merge
/// that holds one record per source, each source read sequentially once.
/// </summary>
public static class CaptureExcerptWriter
{
    /// <summary>
    /// Streams the merged excerpt to <paramref name="output"/> as it is read. Records with equal times keep the order of
    /// <paramref name="sources"/>; within one source, file order.
    /// </summary>
    /// <exception cref="ArgumentException">The sources do not all have <paramref name="linkType"/>.</exception>
    public static async Task WriteAsync(
        IReadOnlyList<CaptureExcerptSource> sources, int linkType, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.FirstOrDefault(s => s.LinkType != linkType) is { } other)
        {
            throw new ArgumentException(
                $"A classic pcap file has one link type: a source has {other.LinkType}, the file {linkType}.", nameof(sources));
        }

        await using var writer = new PcapStreamWriter(output, linkType);
        var queue = new PriorityQueue<CaptureExcerptSource, (long TimestampNs, int Order)>(sources.Count);
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i].MoveNext(cancellationToken))
            {
                queue.Enqueue(sources[i], (sources[i].TimestampNs, i));
            }
        }

        while (queue.TryDequeue(out var source, out var position))
        {
            writer.Write(source.TimestampNs, source.Packet, source.WireLength);
            if (source.MoveNext(cancellationToken))
            {
                queue.Enqueue(source, (source.TimestampNs, position.Order));
            }

            if (writer.IsFlushDue)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }
}
