using System.Buffers.Binary;

namespace SnoopRecorder.Packets.Tests.TestSupport;

/// <summary>
/// Minimal reader of classic pcap and little-endian pcapng files, only to feed corpus captures to the decoder in tests
/// (the product's reader is libpcap, in SnoopRecorder.Capture).
/// </summary>
internal static class CaptureFileRecords
{
    public static IEnumerable<(int LinkType, byte[] Frame, long TimestampNs)> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        return magic switch
        {
            0xA1B2C3D4 => ReadPcap(bytes, nanoseconds: false),
            0xA1B23C4D => ReadPcap(bytes, nanoseconds: true),
            0x0A0D0D0A => ReadPcapng(bytes),
            _ => throw new InvalidDataException($"{path}: not a little-endian pcap or pcapng file"),
        };
    }

    private static IEnumerable<(int, byte[], long)> ReadPcap(byte[] bytes, bool nanoseconds)
    {
        var linkType = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(20)) & 0xFFFF;
        for (var offset = 24; offset + 16 <= bytes.Length;)
        {
            var seconds = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
            var fraction = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
            var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 8));
            offset += 16;
            if (offset + captured > bytes.Length)
            {
                yield break;
            }

            yield return (linkType, bytes.AsSpan(offset, captured).ToArray(), (seconds * 1_000_000_000L) + (nanoseconds ? fraction : fraction * 1000L));
            offset += captured;
        }
    }

    private static IEnumerable<(int, byte[], long)> ReadPcapng(byte[] bytes)
    {
        var linkTypes = new List<int>();
        for (var offset = 0; offset + 12 <= bytes.Length;)
        {
            var type = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
            if (length < 12 || offset + length > bytes.Length)
            {
                yield break;
            }

            var body = bytes.AsSpan(offset + 8, length - 12);
            if (type == 0x0A0D0D0A)
            {
                linkTypes.Clear();
            }
            else if (type == 1)
            {
                linkTypes.Add(BinaryPrimitives.ReadUInt16LittleEndian(body));
            }
            else if (type == 6)
            {
                var linkType = linkTypes[(int)BinaryPrimitives.ReadUInt32LittleEndian(body)];
                var microseconds = ((long)BinaryPrimitives.ReadUInt32LittleEndian(body[4..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(body[8..]);
                var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(body[12..]);
                yield return (linkType, body.Slice(20, captured).ToArray(), microseconds * 1000);
            }

            offset += length;
        }
    }
}
