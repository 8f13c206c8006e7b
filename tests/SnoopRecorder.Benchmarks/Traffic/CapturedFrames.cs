namespace SnoopRecorder.Benchmarks.Traffic;

/// <summary>
/// Ethernet frames laid end to end in one array, the way a capture file's packet records are, so a benchmark loop
/// slices them without allocating.
/// </summary>
internal sealed class CapturedFrames
{
    public CapturedFrames(byte[] buffer, int[] offsets, int[] lengths, long[] timestampsNs)
    {
        Buffer = buffer;
        Offsets = offsets;
        Lengths = lengths;
        TimestampsNs = timestampsNs;
    }

    /// <summary>All frames back to back.</summary>
    public byte[] Buffer { get; }

    public int[] Offsets { get; }

    public int[] Lengths { get; }

    /// <summary>Packet time of each frame, Unix nanoseconds, non-decreasing.</summary>
    public long[] TimestampsNs { get; }

    public int Count => Offsets.Length;

    /// <summary>Sum of the frame lengths (what a capture file's records hold, without their 16-byte headers).</summary>
    public long TotalBytes => Buffer.Length;

    public ReadOnlySpan<byte> Frame(int index) => Buffer.AsSpan(Offsets[index], Lengths[index]);
}
