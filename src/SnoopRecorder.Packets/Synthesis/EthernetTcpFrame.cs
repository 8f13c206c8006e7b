using System.Buffers.Binary;

namespace SnoopRecorder.Packets;

/// <summary>
/// Writes well-formed Ethernet + IPv4/IPv6 + TCP frames with valid IP and TCP checksums, for captures rebuilt from
/// reassembled streams. Everything that does not carry the stream is fixed: locally administered MAC addresses
/// derived from the IP addresses (02:00 and the address's last four bytes, so each host keeps one MAC), IPv4 without
/// options, ID 0 and Don't Fragment (an atomic datagram, RFC 6864), TTL and hop limit 64, and a TCP window of 65535.
/// </summary>
/// <remarks>
/// A SYN carries the options MSS (<see cref="MaxIpv4Payload"/> or <see cref="MaxIpv6Payload"/>: a full segment fits a
/// 1500-byte MTU) and window scale <see cref="WindowScale"/>, which both SYNs of a rebuilt connection carry, so every
/// later segment's 65535 means about 1 GiB (RFC 7323 §2): a rebuilt trace acknowledges only when the other side
/// sends, and a small window would have analysers report full windows that never were.
/// </remarks>
public static class EthernetTcpFrame
{
    /// <summary>Most payload bytes of an IPv4 segment: 1500 - 20 (IPv4) - 20 (TCP).</summary>
    public const int MaxIpv4Payload = 1460;

    /// <summary>Most payload bytes of an IPv6 segment: 1500 - 40 (IPv6) - 20 (TCP).</summary>
    public const int MaxIpv6Payload = 1440;

    /// <summary>The window scale shift both SYNs announce (the largest RFC 7323 allows).</summary>
    public const int WindowScale = 14;

    /// <summary>The longest frame <see cref="Write"/> produces.</summary>
    public const int MaxFrameLength = EthernetHeaderLength + Ipv4HeaderLength + TcpHeaderLength + MaxIpv4Payload;

    private const int EthernetHeaderLength = 14;
    private const int Ipv4HeaderLength = 20;
    private const int Ipv6HeaderLength = 40;
    private const int TcpHeaderLength = 20;
    private const int SynOptionsLength = 8;
    private const ushort EtherTypeIpv4 = 0x0800;
    private const ushort EtherTypeIpv6 = 0x86DD;
    private const byte ProtocolTcp = 6;
    private const byte TimeToLive = 64;
    private const ushort DontFragment = 0x4000;
    private const ushort Window = 65535;
    private const byte OptionNoOperation = 1;
    private const byte OptionMaxSegmentSize = 2;
    private const byte OptionWindowScale = 3;

    /// <summary>Most payload bytes one segment from <paramref name="address"/> carries.</summary>
    public static int MaxPayload(IpAddressValue address) => address.IsIPv4 ? MaxIpv4Payload : MaxIpv6Payload;

    /// <summary>Length of the frame <see cref="Write"/> produces for these fields and this many payload bytes.</summary>
    public static int LengthOf(in SyntheticTcpHeader header, int payloadLength) =>
        EthernetHeaderLength + (header.Source.Address.IsIPv4 ? Ipv4HeaderLength : Ipv6HeaderLength)
        + TcpHeaderLengthOf(header.Flags) + payloadLength;

    /// <summary>Writes one frame to <paramref name="destination"/> and returns its length.</summary>
    /// <exception cref="ArgumentException">The endpoints' address families differ, the payload is longer than
    /// <see cref="MaxPayload"/>, or <paramref name="destination"/> is too short.</exception>
    public static int Write(Span<byte> destination, in SyntheticTcpHeader header, ReadOnlySpan<byte> payload)
    {
        var ipv4 = header.Source.Address.IsIPv4;
        if (ipv4 != header.Destination.Address.IsIPv4)
        {
            throw new ArgumentException("Both endpoints of a segment must be IPv4 or both IPv6.", nameof(header));
        }

        if (payload.Length > MaxPayload(header.Source.Address))
        {
            throw new ArgumentException($"A segment carries at most {MaxPayload(header.Source.Address)} bytes, not {payload.Length}.", nameof(payload));
        }

        var length = LengthOf(header, payload.Length);
        if (destination.Length < length)
        {
            throw new ArgumentException($"The frame needs {length} bytes.", nameof(destination));
        }

        var ipHeaderLength = ipv4 ? Ipv4HeaderLength : Ipv6HeaderLength;
        var tcpLength = TcpHeaderLengthOf(header.Flags) + payload.Length;
        WriteEthernet(destination, header, ipv4);
        var ip = destination.Slice(EthernetHeaderLength, ipHeaderLength);
        var tcp = destination.Slice(EthernetHeaderLength + ipHeaderLength, tcpLength);
        if (ipv4)
        {
            WriteIpv4(ip, header, tcpLength);
        }
        else
        {
            WriteIpv6(ip, header, tcpLength);
        }

        WriteTcp(tcp, header, payload);

        // Pseudo-header: the two addresses (contiguous in both IP headers), the protocol and the TCP length.
        var addresses = ipv4 ? ip[12..20] : ip[8..40];
        var sum = InternetChecksum.Add(ProtocolTcp + (ulong)tcpLength, addresses);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], InternetChecksum.Complete(InternetChecksum.Add(sum, tcp)));
        return length;
    }

    private static int TcpHeaderLengthOf(TcpFlags flags) => TcpHeaderLength + ((flags & TcpFlags.Syn) != 0 ? SynOptionsLength : 0);

    private static void WriteEthernet(Span<byte> frame, in SyntheticTcpHeader header, bool ipv4)
    {
        WriteMac(frame, header.Destination.Address);
        WriteMac(frame[6..], header.Source.Address);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], ipv4 ? EtherTypeIpv4 : EtherTypeIpv6);
    }

    private static void WriteMac(Span<byte> mac, IpAddressValue address)
    {
        Span<byte> bytes = stackalloc byte[16];
        var length = address.WriteBytes(bytes);
        mac[0] = 0x02;
        mac[1] = 0x00;
        bytes.Slice(length - 4, 4).CopyTo(mac[2..]);
    }

    private static void WriteIpv4(Span<byte> ip, in SyntheticTcpHeader header, int tcpLength)
    {
        ip.Clear();
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(Ipv4HeaderLength + tcpLength));
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], DontFragment);
        ip[8] = TimeToLive;
        ip[9] = ProtocolTcp;
        header.Source.Address.WriteBytes(ip[12..]);
        header.Destination.Address.WriteBytes(ip[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum.Compute(ip));
    }

    private static void WriteIpv6(Span<byte> ip, in SyntheticTcpHeader header, int tcpLength)
    {
        ip.Clear();
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)tcpLength);
        ip[6] = ProtocolTcp;
        ip[7] = TimeToLive;
        header.Source.Address.WriteBytes(ip[8..]);
        header.Destination.Address.WriteBytes(ip[24..]);
    }

    private static void WriteTcp(Span<byte> tcp, in SyntheticTcpHeader header, ReadOnlySpan<byte> payload)
    {
        var headerLength = TcpHeaderLengthOf(header.Flags);
        tcp[..headerLength].Clear();
        BinaryPrimitives.WriteUInt16BigEndian(tcp, header.Source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], header.Destination.Port);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], header.SequenceNumber);
        var acknowledges = (header.Flags & TcpFlags.Ack) != 0;
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], acknowledges ? header.AcknowledgmentNumber : 0);
        tcp[12] = (byte)((headerLength / 4) << 4);
        tcp[13] = (byte)header.Flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], Window);
        if (headerLength > TcpHeaderLength)
        {
            var options = tcp[TcpHeaderLength..headerLength];
            options[0] = OptionMaxSegmentSize;
            options[1] = 4;
            BinaryPrimitives.WriteUInt16BigEndian(options[2..], (ushort)MaxPayload(header.Source.Address));
            options[4] = OptionNoOperation;
            options[5] = OptionWindowScale;
            options[6] = 3;
            options[7] = WindowScale;
        }

        payload.CopyTo(tcp[headerLength..]);
    }
}
