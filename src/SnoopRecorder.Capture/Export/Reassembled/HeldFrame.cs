namespace SnoopRecorder.Capture.Export.Reassembled;

/// <summary>A rebuilt frame held by <see cref="FrameReorderWindow"/>: its bytes (pooled), packet time and comment.</summary>
internal readonly record struct HeldFrame(byte[] Buffer, int Length, long TimestampNs, string? Comment)
{
    public ReadOnlySpan<byte> Frame => Buffer.AsSpan(0, Length);
}
