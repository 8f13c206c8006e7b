namespace SnoopRecorder.Capture.Live;

/// <summary>
/// One packet copied out of libpcap's buffer into a pooled array. The consumer hands it back with
/// <see cref="LiveCapture.Release"/> once it is written and analysed.
/// </summary>
public readonly record struct CapturedPacket(byte[] Buffer, int Length, int WireLength, long TimestampNs)
{
    public ReadOnlySpan<byte> Data => Buffer.AsSpan(0, Length);
}
