using System.Buffers.Binary;
using System.Text;

namespace SnoopRecorder.Capture.Tests.Export;

/// <summary>
/// Reads back the pcapng files the reassembled export writes (little-endian, one interface, nanosecond times), down to
/// the comments libpcap does not hand out: the section's, each packet's and the closing statistics block's.
/// </summary>
internal sealed record ReassembledPcapng(
    string? SectionComment,
    int LinkType,
    IReadOnlyList<ReassembledFrame> Frames,
    string? StatisticsComment,
    long StatisticsStartNs,
    long StatisticsEndNs)
{
    public static ReassembledPcapng Read(string path)
    {
        var bytes = File.ReadAllBytes(path).AsSpan();
        string? sectionComment = null, statisticsComment = null;
        long startNs = 0, endNs = 0;
        var linkType = -1;
        var frames = new List<ReassembledFrame>();
        while (!bytes.IsEmpty)
        {
            var type = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
            Assert.True(length % 4 == 0 && length >= 12 && length <= bytes.Length, $"block of {length} bytes");
            Assert.Equal((uint)length, BinaryPrimitives.ReadUInt32LittleEndian(bytes[(length - 4)..]));
            var block = bytes[..length];
            switch (type)
            {
                case 0x0A0D0D0A:
                    Assert.Equal(0x1A2B3C4Du, BinaryPrimitives.ReadUInt32LittleEndian(block[8..]));
                    sectionComment = Options(block[24..^4]).GetValueOrDefault(1);
                    break;
                case 1:
                    linkType = BinaryPrimitives.ReadUInt16LittleEndian(block[8..]);
                    Assert.Equal([9], Encoding.Latin1.GetBytes(Options(block[16..^4])[9]));
                    break;
                case 6:
                    var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(block[20..]);
                    var data = block.Slice(28, captured);
                    var padded = (captured + 3) & ~3;
                    var comment = Options(block[(28 + padded)..^4]).GetValueOrDefault(1);
                    frames.Add(ReassembledFrame.Decode(data, Timestamp(block[12..]), comment));
                    break;
                case 5:
                    var options = Options(block[20..^4]);
                    statisticsComment = options.GetValueOrDefault(1);
                    startNs = Timestamp(Encoding.Latin1.GetBytes(options[2]));
                    endNs = Timestamp(Encoding.Latin1.GetBytes(options[3]));
                    break;
                default:
                    Assert.Fail($"unexpected block type {type:X}");
                    break;
            }

            bytes = bytes[length..];
        }

        return new ReassembledPcapng(sectionComment, linkType, frames, statisticsComment, startNs, endNs);
    }

    private static long Timestamp(ReadOnlySpan<byte> value) =>
        (long)(((ulong)BinaryPrimitives.ReadUInt32LittleEndian(value) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(value[4..]));

    /// <summary>Options by code: text as UTF-8 (code 1, comments), other values as Latin-1 so their bytes survive.</summary>
    private static Dictionary<int, string> Options(ReadOnlySpan<byte> options)
    {
        var values = new Dictionary<int, string>();
        while (options.Length >= 4)
        {
            var code = BinaryPrimitives.ReadUInt16LittleEndian(options);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(options[2..]);
            if (code == 0)
            {
                Assert.Equal(4, options.Length);
                break;
            }

            var value = options.Slice(4, length);
            values[code] = code == 1 ? Encoding.UTF8.GetString(value) : Encoding.Latin1.GetString(value);
            options = options[(4 + ((length + 3) & ~3))..];
        }

        return values;
    }
}
