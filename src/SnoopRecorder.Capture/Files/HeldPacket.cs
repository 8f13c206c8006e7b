namespace SnoopRecorder.Capture.Files;

/// <summary>A record held by <see cref="PacketReorderWindow"/>: its bytes, packet time and index in the file.</summary>
internal readonly record struct HeldPacket(byte[] Buffer, int Length, long TimestampNs, long Index)
{
    public ReadOnlySpan<byte> Frame => Buffer.AsSpan(0, Length);
}
