using System.Buffers.Binary;
using System.Text;

namespace SnoopRecorder.Capture.Export.Reassembled;

/// <summary>
/// The pcapng blocks this project writes (draft-ietf-opsawg-pcapng): little-endian, one section, one interface with
/// nanosecond timestamps (<c>if_tsresol</c> 9). Each block is formatted into a span by the caller-sized methods here.
/// </summary>
internal static class PcapngLayout
{
    public const int EnhancedPacketHeaderLength = 28;

    private const uint SectionHeaderType = 0x0A0D0D0A;
    private const uint InterfaceDescriptionType = 0x00000001;
    private const uint InterfaceStatisticsType = 0x00000005;
    private const uint EnhancedPacketType = 0x00000006;
    private const uint ByteOrderMagic = 0x1A2B3C4D;
    private const ushort OptionEnd = 0;
    private const ushort OptionComment = 1;
    private const ushort OptionShbUserApplication = 4;
    private const ushort OptionIfName = 2;
    private const ushort OptionIfTimestampResolution = 9;
    private const ushort OptionIsbStartTime = 2;
    private const ushort OptionIsbEndTime = 3;
    private const byte NanosecondResolution = 9;
    private const int BlockTrailerLength = 4;
    private const int OptionHeaderLength = 4;

    /// <summary>Length of a Section Header Block with these options.</summary>
    public static int SectionHeaderLength(string? comment, string application) =>
        24 + TextOptionLength(comment) + TextOptionLength(application) + OptionHeaderLength + BlockTrailerLength;

    public static int WriteSectionHeader(Span<byte> block, string? comment, string application)
    {
        var length = SectionHeaderLength(comment, application);
        BinaryPrimitives.WriteUInt32LittleEndian(block, SectionHeaderType);
        BinaryPrimitives.WriteUInt32LittleEndian(block[4..], (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(block[8..], ByteOrderMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(block[12..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(block[14..], 0);

        // Section length unknown (-1): the file is streamed.
        BinaryPrimitives.WriteInt64LittleEndian(block[16..], -1);
        var position = 24;
        position += WriteTextOption(block[position..], OptionComment, comment);
        position += WriteTextOption(block[position..], OptionShbUserApplication, application);
        position += WriteEndOfOptions(block[position..]);
        BinaryPrimitives.WriteUInt32LittleEndian(block[position..], (uint)length);
        return length;
    }

    public static int InterfaceDescriptionLength(string name) =>
        16 + TextOptionLength(name) + OptionHeaderLength + 4 + OptionHeaderLength + BlockTrailerLength;

    public static int WriteInterfaceDescription(Span<byte> block, int linkType, int snapLength, string name)
    {
        var length = InterfaceDescriptionLength(name);
        BinaryPrimitives.WriteUInt32LittleEndian(block, InterfaceDescriptionType);
        BinaryPrimitives.WriteUInt32LittleEndian(block[4..], (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(block[8..], (ushort)linkType);
        BinaryPrimitives.WriteUInt16LittleEndian(block[10..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(block[12..], (uint)snapLength);
        var position = 16;
        position += WriteTextOption(block[position..], OptionIfName, name);
        BinaryPrimitives.WriteUInt16LittleEndian(block[position..], OptionIfTimestampResolution);
        BinaryPrimitives.WriteUInt16LittleEndian(block[(position + 2)..], 1);
        block.Slice(position + 4, 4).Clear();
        block[position + 4] = NanosecondResolution;
        position += OptionHeaderLength + 4;
        position += WriteEndOfOptions(block[position..]);
        BinaryPrimitives.WriteUInt32LittleEndian(block[position..], (uint)length);
        return length;
    }

    /// <summary>Length of an Enhanced Packet Block carrying <paramref name="capturedLength"/> bytes and this comment.</summary>
    public static int EnhancedPacketLength(int capturedLength, string? comment) =>
        EnhancedPacketHeaderLength + Padded(capturedLength)
        + (comment is null ? 0 : TextOptionLength(comment) + OptionHeaderLength) + BlockTrailerLength;

    public static int WriteEnhancedPacket(Span<byte> block, long timestampNs, ReadOnlySpan<byte> data, int wireLength, string? comment)
    {
        var length = EnhancedPacketLength(data.Length, comment);
        BinaryPrimitives.WriteUInt32LittleEndian(block, EnhancedPacketType);
        BinaryPrimitives.WriteUInt32LittleEndian(block[4..], (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(block[8..], 0);
        WriteTimestamp(block[12..], timestampNs);
        BinaryPrimitives.WriteUInt32LittleEndian(block[20..], (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(block[24..], (uint)Math.Max(wireLength, data.Length));
        data.CopyTo(block[EnhancedPacketHeaderLength..]);
        var position = EnhancedPacketHeaderLength + data.Length;
        var padded = EnhancedPacketHeaderLength + Padded(data.Length);
        block[position..padded].Clear();
        position = padded;
        if (comment is not null)
        {
            position += WriteTextOption(block[position..], OptionComment, comment);
            position += WriteEndOfOptions(block[position..]);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(block[position..], (uint)length);
        return length;
    }

    public static int InterfaceStatisticsLength(string? comment) =>
        20 + (2 * (OptionHeaderLength + 8)) + TextOptionLength(comment) + OptionHeaderLength + BlockTrailerLength;

    /// <summary>An Interface Statistics Block: the capture's first and last packet times and a comment (the totals).</summary>
    public static int WriteInterfaceStatistics(Span<byte> block, long timestampNs, long startNs, long endNs, string? comment)
    {
        var length = InterfaceStatisticsLength(comment);
        BinaryPrimitives.WriteUInt32LittleEndian(block, InterfaceStatisticsType);
        BinaryPrimitives.WriteUInt32LittleEndian(block[4..], (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(block[8..], 0);
        WriteTimestamp(block[12..], timestampNs);
        var position = 20;
        position += WriteTimestampOption(block[position..], OptionIsbStartTime, startNs);
        position += WriteTimestampOption(block[position..], OptionIsbEndTime, endNs);
        position += WriteTextOption(block[position..], OptionComment, comment);
        position += WriteEndOfOptions(block[position..]);
        BinaryPrimitives.WriteUInt32LittleEndian(block[position..], (uint)length);
        return length;
    }

    private static int Padded(int length) => (length + 3) & ~3;

    private static int TextOptionLength(string? text) =>
        text is null ? 0 : OptionHeaderLength + Padded(Encoding.UTF8.GetByteCount(text));

    private static int WriteTextOption(Span<byte> option, ushort code, string? text)
    {
        if (text is null)
        {
            return 0;
        }

        var byteCount = Encoding.UTF8.GetBytes(text, option[OptionHeaderLength..]);
        var length = OptionHeaderLength + Padded(byteCount);
        BinaryPrimitives.WriteUInt16LittleEndian(option, code);
        BinaryPrimitives.WriteUInt16LittleEndian(option[2..], (ushort)byteCount);
        option[(OptionHeaderLength + byteCount)..length].Clear();
        return length;
    }

    private static int WriteTimestampOption(Span<byte> option, ushort code, long timestampNs)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(option, code);
        BinaryPrimitives.WriteUInt16LittleEndian(option[2..], 8);
        WriteTimestamp(option[OptionHeaderLength..], timestampNs);
        return OptionHeaderLength + 8;
    }

    private static int WriteEndOfOptions(Span<byte> option)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(option, OptionEnd);
        BinaryPrimitives.WriteUInt16LittleEndian(option[2..], 0);
        return OptionHeaderLength;
    }

    /// <summary>A 64-bit count of <c>if_tsresol</c> units (nanoseconds), high 32 bits first, each little-endian.</summary>
    private static void WriteTimestamp(Span<byte> destination, long timestampNs)
    {
        var value = (ulong)Math.Max(timestampNs, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)(value >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], (uint)value);
    }
}
