using System.Buffers.Binary;

namespace SnoopRecorder.TestSupport.Fuzzing;

/// <summary>
/// A capture file cut into its file header and records, enough to edit records as units (splice, duplicate, reorder)
/// and to find their length fields. Only valid files are parsed: the seeds, never the mutants.
/// </summary>
public sealed class CaptureLayout
{
    private const int PcapHeaderLength = 24;
    private const int PcapRecordHeaderLength = 16;
    private const uint PcapNgSectionHeader = 0x0A0D0D0A;
    private const uint PcapNgByteOrderMagic = 0x1A2B3C4D;
    private const uint EnhancedPacketBlock = 6;
    private const uint SimplePacketBlock = 3;
    private const uint ObsoletePacketBlock = 2;

    private CaptureLayout(CaptureKind kind, bool bigEndian, byte[] header, List<CaptureRecord> records)
    {
        Kind = kind;
        BigEndian = bigEndian;
        Header = header;
        Records = records;
    }

    public CaptureKind Kind { get; }

    public bool BigEndian { get; }

    /// <summary>The pcap file header; empty for pcapng, whose section header is a block like the others.</summary>
    public byte[] Header { get; }

    public List<CaptureRecord> Records { get; }

    /// <summary>Parses whole records of <paramref name="file"/> until the first that would end beyond <paramref name="maxBytes"/>.</summary>
    public static CaptureLayout Parse(byte[] file, int maxBytes)
    {
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        if (magic == PcapNgSectionHeader)
        {
            return ParsePcapNg(file, maxBytes);
        }

        var bigEndian = magic is 0xD4C3B2A1 or 0x4D3CB2A1;
        var records = new List<CaptureRecord>();
        var offset = PcapHeaderLength;
        while (offset + PcapRecordHeaderLength <= file.Length)
        {
            var length = PcapRecordHeaderLength + (int)Read(file.AsSpan(offset + 8), bigEndian);
            if (offset + length > file.Length || (offset + length > maxBytes && records.Count > 0))
            {
                break;
            }

            records.Add(new CaptureRecord(file.AsSpan(offset, length).ToArray(), [8, 12], PcapRecordHeaderLength));
            offset += length;
        }

        return new CaptureLayout(CaptureKind.Pcap, bigEndian, file[..PcapHeaderLength], records);
    }

    /// <summary>The same capture written with the other byte order (a big-endian pcap from a little-endian one).</summary>
    public CaptureLayout Swapped()
    {
        if (Kind != CaptureKind.Pcap)
        {
            throw new NotSupportedException("only pcap files are swapped");
        }

        var header = (byte[])Header.Clone();
        SwapWords(header, [0, 8, 12, 16, 20]);
        (header[4], header[5], header[6], header[7]) = (header[5], header[4], header[7], header[6]);
        var records = Records.Select(r =>
        {
            var bytes = (byte[])r.Bytes.Clone();
            SwapWords(bytes, [0, 4, 8, 12]);
            return r with { Bytes = bytes };
        }).ToList();
        return new CaptureLayout(Kind, !BigEndian, header, records);
    }

    public byte[] ToBytes() => ToBytes(Records);

    public byte[] ToBytes(IEnumerable<CaptureRecord> records)
    {
        var output = new MemoryStream();
        output.Write(Header);
        foreach (var record in records)
        {
            output.Write(record.Bytes);
        }

        return output.ToArray();
    }

    public static uint Read(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    public static void Write(Span<byte> bytes, uint value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        }
    }

    private static CaptureLayout ParsePcapNg(byte[] file, int maxBytes)
    {
        var bigEndian = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(8)) != PcapNgByteOrderMagic;
        var records = new List<CaptureRecord>();
        var offset = 0;
        while (offset + 12 <= file.Length)
        {
            var type = Read(file.AsSpan(offset), bigEndian);
            var length = (int)Read(file.AsSpan(offset + 4), bigEndian);
            if (length < 12 || offset + length > Math.Min(file.Length, maxBytes))
            {
                break;
            }

            var (fields, frame) = type switch
            {
                EnhancedPacketBlock => (new[] { 4, length - 4, 20, 24 }, 28),
                ObsoletePacketBlock => ([4, length - 4, 20, 24], 28),
                SimplePacketBlock => ([4, length - 4, 8], 12),
                _ => ([4, length - 4], -1),
            };
            records.Add(new CaptureRecord(file.AsSpan(offset, length).ToArray(), fields, frame));
            offset += length;
        }

        return new CaptureLayout(CaptureKind.PcapNg, bigEndian, [], records);
    }

    private static void SwapWords(byte[] bytes, int[] offsets)
    {
        foreach (var offset in offsets)
        {
            bytes.AsSpan(offset, 4).Reverse();
        }
    }
}
