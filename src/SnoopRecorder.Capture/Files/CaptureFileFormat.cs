using System.Buffers.Binary;

namespace SnoopRecorder.Capture.Files;

/// <summary>Recognises a capture file from its first four bytes, before any of it is stored.</summary>
public static class CaptureFileFormat
{
    /// <summary>Bytes needed by <see cref="Sniff"/>.</summary>
    public const int MagicLength = 4;

    private const uint PcapMicros = 0xA1B2C3D4;
    private const uint PcapNanos = 0xA1B23C4D;
    private const uint PcapNgSectionHeader = 0x0A0D0D0A;

    /// <summary>"pcap", "pcapng", or null when the bytes start neither (either byte order).</summary>
    public static string? Sniff(ReadOnlySpan<byte> firstBytes)
    {
        if (firstBytes.Length < MagicLength)
        {
            return null;
        }

        var big = BinaryPrimitives.ReadUInt32BigEndian(firstBytes);
        var little = BinaryPrimitives.ReadUInt32LittleEndian(firstBytes);
        if (big is PcapMicros or PcapNanos || little is PcapMicros or PcapNanos)
        {
            return "pcap";
        }

        return big == PcapNgSectionHeader ? "pcapng" : null;
    }
}
