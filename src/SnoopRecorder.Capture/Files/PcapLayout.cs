using System.Buffers.Binary;

namespace SnoopRecorder.Capture.Files;

/// <summary>
/// The classic pcap layout this project writes: little-endian, nanosecond timestamps (magic A1B23C4D), version 2.4.
/// One place for the session files (<see cref="PcapFileWriter"/>), their reader (<see cref="PcapFileTail"/>) and the
/// exports.
/// </summary>
internal static class PcapLayout
{
    public const int FileHeaderLength = 24;
    public const int RecordHeaderLength = 16;
    private const uint NanosecondMagic = 0xA1B23C4D;

    public static void WriteFileHeader(Span<byte> header, int linkType, int snapLength)
    {
        header[..FileHeaderLength].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(header, NanosecondMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        // thiszone and sigfigs stay zero.
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)linkType);
    }

    /// <summary>A record header; <paramref name="wireLength"/> below the captured length means "as captured".</summary>
    public static void WriteRecordHeader(Span<byte> header, long timestampNs, int capturedLength, int wireLength)
    {
        var seconds = Math.DivRem(timestampNs, 1_000_000_000L, out var nanoseconds);
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)nanoseconds);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)capturedLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)Math.Max(wireLength, capturedLength));
    }

    public static int CapturedLength(ReadOnlySpan<byte> recordHeader) =>
        (int)BinaryPrimitives.ReadUInt32LittleEndian(recordHeader[8..]);

    public static long TimestampNs(ReadOnlySpan<byte> recordHeader) =>
        (BinaryPrimitives.ReadUInt32LittleEndian(recordHeader) * 1_000_000_000L) + BinaryPrimitives.ReadUInt32LittleEndian(recordHeader[4..]);
}
