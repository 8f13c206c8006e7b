using System.Buffers.Binary;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Benchmarks.Traffic;

/// <summary>Builds Ethernet II / IPv4 / TCP frames as a Linux host puts them on the wire (setup only; allocates).</summary>
internal static class EthernetFrameWriter
{
    private const int EthernetHeaderLength = 14;
    private const int Ipv4HeaderLength = 20;
    private const int TcpBaseHeaderLength = 20;
    private const ushort EtherTypeIpv4 = 0x0800;
    private const byte ProtocolTcp = 6;
    private const byte DefaultTtl = 64;
    private const ushort DontFragment = 0x4000;
    private const ushort ReceiveWindow = 502;

    /// <summary>IEEE 802.3 minimum frame without FCS: shorter frames (bare ACKs) carry padding after the IP packet.</summary>
    private const int MinimumFrameLength = 60;

    /// <summary>SYN options of a Linux client: MSS 1460, SACK permitted, timestamps, NOP, window scale 7 (20 bytes).</summary>
    public static byte[] SynOptions(uint timestampValue, uint timestampEcho)
    {
        var options = new byte[20];
        options[0] = 2;
        options[1] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(options.AsSpan(2), 1460);
        options[4] = 4;
        options[5] = 2;
        WriteTimestamp(options.AsSpan(6), timestampValue, timestampEcho);
        options[16] = 1;
        options[17] = 3;
        options[18] = 3;
        options[19] = 7;
        return options;
    }

    /// <summary>NOP, NOP, timestamps: the 12 option bytes of every established-state segment (so MSS 1460 carries 1448).</summary>
    public static byte[] TimestampOptions(uint timestampValue, uint timestampEcho)
    {
        var options = new byte[12];
        options[0] = 1;
        options[1] = 1;
        WriteTimestamp(options.AsSpan(2), timestampValue, timestampEcho);
        return options;
    }

    public static byte[] Build(TcpPeer source, TcpPeer destination, uint sequence, uint acknowledgment, TcpFlags flags, ReadOnlySpan<byte> options, ReadOnlySpan<byte> payload)
    {
        var tcpHeaderLength = TcpBaseHeaderLength + options.Length;
        var ipLength = Ipv4HeaderLength + tcpHeaderLength + payload.Length;
        var frame = new byte[Math.Max(EthernetHeaderLength + ipLength, MinimumFrameLength)];
        var span = frame.AsSpan();

        WriteMac(span, destination.Mac);
        WriteMac(span[6..], source.Mac);
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], EtherTypeIpv4);

        var ip = span.Slice(EthernetHeaderLength, Ipv4HeaderLength);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)ipLength);
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], source.NextIpId++);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], DontFragment);
        ip[8] = DefaultTtl;
        ip[9] = ProtocolTcp;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], source.Address);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], destination.Address);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum(ip));

        var tcp = span.Slice(EthernetHeaderLength + Ipv4HeaderLength, tcpHeaderLength + payload.Length);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], destination.Port);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], acknowledgment);
        tcp[12] = (byte)((tcpHeaderLength / 4) << 4);
        tcp[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], ReceiveWindow);
        options.CopyTo(tcp[TcpBaseHeaderLength..]);
        payload.CopyTo(tcp[tcpHeaderLength..]);
        return frame;
    }

    private static void WriteTimestamp(Span<byte> destination, uint value, uint echo)
    {
        destination[0] = 8;
        destination[1] = 10;
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], value);
        BinaryPrimitives.WriteUInt32BigEndian(destination[6..], echo);
    }

    private static void WriteMac(Span<byte> destination, ulong mac)
    {
        for (var i = 0; i < 6; i++)
        {
            destination[i] = (byte)(mac >> (8 * (5 - i)));
        }
    }

    // RFC 1071 one's complement sum over the IPv4 header (checksum field zero while summing).
    private static ushort InternetChecksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
