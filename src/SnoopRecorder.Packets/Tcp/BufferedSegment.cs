namespace SnoopRecorder.Packets;

/// <summary>Out-of-order bytes held until the hole before them fills; <see cref="Buffer"/> is rented from the shared pool.</summary>
internal readonly record struct BufferedSegment(long Offset, int Length, byte[] Buffer, long TimestampNs, long PacketIndex)
{
    public long End => Offset + Length;

    public ReadOnlySpan<byte> Data => Buffer.AsSpan(0, Length);
}
