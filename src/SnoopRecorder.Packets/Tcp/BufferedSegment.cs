namespace SnoopRecorder.Packets;

/// <summary>Out-of-order bytes held until the hole before them fills; <see cref="Buffer"/> is rented from the shared pool.</summary>
/// <remarks>
/// When a later segment carried other bytes for part of this range, [<see cref="ContestedFrom"/>,
/// <see cref="ContestedTo"/>) (relative to <see cref="Offset"/>) covers every byte that differed, and
/// <see cref="ConflictTimestampNs"/>/<see cref="ConflictPacketIndex"/> name the first packet that did; these bytes
/// are kept (first copy wins) and announced as contested when delivered.
/// </remarks>
internal readonly record struct BufferedSegment(long Offset, int Length, byte[] Buffer, long TimestampNs, long PacketIndex)
{
    public long End => Offset + Length;

    public ReadOnlySpan<byte> Data => Buffer.AsSpan(0, Length);

    public int ContestedFrom { get; init; }

    public int ContestedTo { get; init; }

    public long ConflictTimestampNs { get; init; }

    public long ConflictPacketIndex { get; init; }

    public bool IsContested => ContestedTo > ContestedFrom;

    /// <summary>This segment with [<paramref name="from"/>, <paramref name="to"/>) added to its contested range.</summary>
    public BufferedSegment Contest(int from, int to, long timestampNs, long packetIndex) => IsContested
        ? this with { ContestedFrom = Math.Min(ContestedFrom, from), ContestedTo = Math.Max(ContestedTo, to) }
        : this with { ContestedFrom = from, ContestedTo = to, ConflictTimestampNs = timestampNs, ConflictPacketIndex = packetIndex };
}
