using System.Buffers.Binary;
using System.Net;

namespace SnoopRecorder.TestSupport.Captures;

/// <summary>
/// Writes Ethernet II / IPv4 / TCP frames byte by byte, with valid IPv4 header and TCP checksums, the way a NIC
/// without offload would put them in a capture. No options: 54 bytes of headers, then the payload.
/// </summary>
public static class EthernetTcpFrame
{
    public const int HeaderLength = EthernetLength + Ipv4Length + TcpLength;

    /// <summary>The largest payload one frame carries: an IPv4 total length is 16 bits.</summary>
    public const int MaxPayload = ushort.MaxValue - Ipv4Length - TcpLength;

    private const int EthernetLength = 14;
    private const int Ipv4Length = 20;
    private const int TcpLength = 20;
    private const ushort EtherTypeIpv4 = 0x0800;
    private const byte ProtocolTcp = 6;

    /// <summary>Writes one frame into <paramref name="destination"/> and returns its length.</summary>
    public static int Write(
        Span<byte> destination, IPEndPoint source, IPEndPoint target, uint sequence, uint acknowledgment, SegmentFlags flags,
        ReadOnlySpan<byte> payload, ushort ipId = 0)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, MaxPayload);
        var length = HeaderLength + payload.Length;
        var frame = destination[..length];
        frame[..HeaderLength].Clear();

        // Ethernet: locally administered MACs, the same for every frame (the analyzer keys on IP and ports).
        ReadOnlySpan<byte> macs = [0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1];
        macs.CopyTo(frame);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], EtherTypeIpv4);

        var ip = frame[EthernetLength..];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(Ipv4Length + TcpLength + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], ipId);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000); // don't fragment
        ip[8] = 64;
        ip[9] = ProtocolTcp;
        WriteAddress(ip[12..], source.Address);
        WriteAddress(ip[16..], target.Address);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip[..Ipv4Length], 0));

        var tcp = ip[Ipv4Length..];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], (ushort)target.Port);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], acknowledgment);
        tcp[12] = (TcpLength / 4) << 4;
        tcp[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 65535);
        payload.CopyTo(tcp[TcpLength..]);

        // The TCP checksum covers a pseudo-header: both addresses, the protocol and the TCP length (RFC 9293 §3.1).
        var tcpLength = TcpLength + payload.Length;
        var pseudo = Sum(ip.Slice(12, 8)) + ProtocolTcp + (uint)tcpLength;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], Checksum(tcp[..tcpLength], pseudo));
        return length;
    }

    private static void WriteAddress(Span<byte> destination, IPAddress address)
    {
        if (!address.TryWriteBytes(destination[..4], out var written) || written != 4)
        {
            throw new ArgumentException($"{address} is not an IPv4 address", nameof(address));
        }
    }

    private static ushort Checksum(ReadOnlySpan<byte> data, uint initial)
    {
        var sum = initial + Sum(data);
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    // One's-complement sum of 16-bit big-endian words, folded lazily by the caller (RFC 1071).
    private static uint Sum(ReadOnlySpan<byte> data)
    {
        ulong sum = 0;
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (uint)(data[i] << 8);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (uint)sum;
    }
}
