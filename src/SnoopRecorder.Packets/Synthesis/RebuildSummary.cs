namespace SnoopRecorder.Packets;

/// <summary>What <see cref="TcpStreamRebuilder"/> wrote: counts over every connection so far.</summary>
public sealed class RebuildSummary
{
    /// <summary>Frames written.</summary>
    public long Frames { get; internal set; }

    /// <summary>Connections rebuilt with a handshake (those that carried data or a FIN).</summary>
    public long Connections { get; internal set; }

    /// <summary>Connections whose SYN or SYN-ACK was not captured and was synthesised.</summary>
    public long SynthesizedHandshakes { get; internal set; }

    /// <summary>Connections with at least one FIN synthesised (their close was not captured).</summary>
    public long SynthesizedCloses { get; internal set; }

    /// <summary>Payload bytes written.</summary>
    public long DataBytes { get; internal set; }

    /// <summary>Gaps: runs of bytes that were sent but not captured, which the sequence numbers jump over.</summary>
    public long Gaps { get; internal set; }

    /// <summary>Bytes in those gaps.</summary>
    public long GapBytes { get; internal set; }

    /// <summary>Conflicts: runs of written bytes that had a different copy in another captured segment (the first was written).</summary>
    public long Conflicts { get; internal set; }

    /// <summary>Bytes in those runs.</summary>
    public long ConflictBytes { get; internal set; }

    /// <summary>Adds another summary's counts to this one.</summary>
    public void Add(RebuildSummary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Frames += other.Frames;
        Connections += other.Connections;
        SynthesizedHandshakes += other.SynthesizedHandshakes;
        SynthesizedCloses += other.SynthesizedCloses;
        DataBytes += other.DataBytes;
        Gaps += other.Gaps;
        GapBytes += other.GapBytes;
        Conflicts += other.Conflicts;
        ConflictBytes += other.ConflictBytes;
    }
}
