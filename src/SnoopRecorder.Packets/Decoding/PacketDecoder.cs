using System.Buffers.Binary;

namespace SnoopRecorder.Packets;

/// <summary>
/// Decodes captured frames down to TCP: link layer (<see cref="LinkTypes"/>, VLAN tags, PPPoE, MPLS), IPv4/IPv6 with
/// options and extension headers, then the TCP header. Allocation-free; every read is bounds-checked, so any input
/// yields a <see cref="DecodeResult"/> and never an exception. Checksums are not verified: with checksum offload,
/// bad checksums are normal in captures.
/// </summary>
public static partial class PacketDecoder
{
    private const int EthernetHeaderLength = 14;
    private const int VlanTagLength = 4;
    private const int MaxVlanTags = 8;
    private const int VlanIdMask = 0x0FFF;
    private const int VlanShift = 12;
    private const int LinuxSllHeaderLength = 16;
    private const int LinuxSllProtocolOffset = 14;
    private const int LinuxSll2HeaderLength = 20;
    private const int LoopbackHeaderLength = 4;
    private const int PppoeHeaderLength = 8;
    private const ushort PppIpv4 = 0x0021;
    private const ushort PppIpv6 = 0x0057;
    private const int MplsLabelLength = 4;
    private const int MaxMplsLabels = 8;

    // BSD address families found in DLT_NULL/DLT_LOOP headers: AF_INET is 2 everywhere, AF_INET6 differs per OS.
    private const uint AfInet = 2;
    private const uint AfInet6Linux = 10;
    private const uint AfInet6NetBsd = 24;
    private const uint AfInet6FreeBsd = 28;
    private const uint AfInet6Darwin = 30;

    /// <summary>Decodes one captured frame.</summary>
    /// <param name="linkType">The capture's LINKTYPE_ value (see <see cref="LinkTypes"/>).</param>
    /// <param name="frame">The captured bytes (possibly cut by the snapshot length).</param>
    /// <param name="segment">The TCP segment when the result is <see cref="DecodeResult.Tcp"/>; default otherwise.</param>
    public static DecodeResult TryDecode(int linkType, ReadOnlySpan<byte> frame, out TcpSegment segment)
    {
        segment = default;
        return linkType switch
        {
            LinkTypes.Ethernet => DecodeEthernet(frame, out segment),
            LinkTypes.Raw or LinkTypes.RawOpenBsd or LinkTypes.RawBsd => DecodeIp(frame, 0, out segment),
            LinkTypes.Ipv4 => DecodeIpv4(frame, 0, out segment),
            LinkTypes.Ipv6 => DecodeIpv6(frame, 0, out segment),
            LinkTypes.LinuxSll => frame.Length < LinuxSllHeaderLength
                ? DecodeResult.Malformed
                : DecodeEtherType(BinaryPrimitives.ReadUInt16BigEndian(frame[LinuxSllProtocolOffset..]), frame[LinuxSllHeaderLength..], 0, out segment),
            LinkTypes.LinuxSll2 => frame.Length < LinuxSll2HeaderLength
                ? DecodeResult.Malformed
                : DecodeEtherType(BinaryPrimitives.ReadUInt16BigEndian(frame), frame[LinuxSll2HeaderLength..], 0, out segment),
            LinkTypes.Null => DecodeLoopback(frame, bigEndian: false, out segment),
            LinkTypes.Loop => DecodeLoopback(frame, bigEndian: true, out segment),
            LinkTypes.Nflog => DecodeNflog(frame, out segment),
            _ => DecodeResult.UnsupportedLinkType,
        };
    }

    private static DecodeResult DecodeEthernet(ReadOnlySpan<byte> frame, out TcpSegment segment)
    {
        segment = default;
        if (frame.Length < EthernetHeaderLength)
        {
            return DecodeResult.Malformed;
        }

        return DecodeEtherType(BinaryPrimitives.ReadUInt16BigEndian(frame[12..]), frame[EthernetHeaderLength..], 0, out segment);
    }

    /// <summary>Follows an EtherType through VLAN tags, PPPoE and MPLS to IP.</summary>
    private static DecodeResult DecodeEtherType(ushort etherType, ReadOnlySpan<byte> data, int vlan, out TcpSegment segment)
    {
        segment = default;
        for (var tags = 0; IsVlanTag(etherType); tags++)
        {
            if (tags == MaxVlanTags || data.Length < VlanTagLength)
            {
                return DecodeResult.Malformed;
            }

            vlan = (vlan << VlanShift) | (BinaryPrimitives.ReadUInt16BigEndian(data) & VlanIdMask);
            etherType = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
            data = data[VlanTagLength..];
        }

        switch (etherType)
        {
            case EtherTypes.Ipv4:
                return DecodeIpv4(data, vlan, out segment);
            case EtherTypes.Ipv6:
                return DecodeIpv6(data, vlan, out segment);
            case EtherTypes.PppoeSession:
                return DecodePppoe(data, vlan, out segment);
            case EtherTypes.MplsUnicast or EtherTypes.MplsMulticast:
                return DecodeMpls(data, vlan, out segment);
            default:
                return DecodeResult.NotTcp;
        }
    }

    private static bool IsVlanTag(ushort etherType) =>
        etherType is EtherTypes.Vlan8021Q or EtherTypes.Vlan8021AD or EtherTypes.VlanQinQLegacy;

    private static DecodeResult DecodePppoe(ReadOnlySpan<byte> data, int vlan, out TcpSegment segment)
    {
        segment = default;
        if (data.Length < PppoeHeaderLength)
        {
            return DecodeResult.Malformed;
        }

        return BinaryPrimitives.ReadUInt16BigEndian(data[6..]) switch
        {
            PppIpv4 => DecodeIpv4(data[PppoeHeaderLength..], vlan, out segment),
            PppIpv6 => DecodeIpv6(data[PppoeHeaderLength..], vlan, out segment),
            _ => DecodeResult.NotTcp,
        };
    }

    private static DecodeResult DecodeMpls(ReadOnlySpan<byte> data, int vlan, out TcpSegment segment)
    {
        segment = default;
        for (var labels = 0; labels < MaxMplsLabels; labels++)
        {
            if (data.Length < MplsLabelLength)
            {
                return DecodeResult.Malformed;
            }

            var bottomOfStack = (data[2] & 1) != 0;
            data = data[MplsLabelLength..];
            if (bottomOfStack)
            {
                // MPLS does not name its payload; IP is recognised by its version nibble (pseudowires are skipped).
                return DecodeIp(data, vlan, out segment, unknownIsNotTcp: true);
            }
        }

        return DecodeResult.Malformed;
    }

    private static DecodeResult DecodeLoopback(ReadOnlySpan<byte> frame, bool bigEndian, out TcpSegment segment)
    {
        segment = default;
        if (frame.Length < LoopbackHeaderLength)
        {
            return DecodeResult.Malformed;
        }

        var family = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(frame) : BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (!bigEndian && family > ushort.MaxValue)
        {
            // DLT_NULL is in the capturing host's byte order, which the file does not record: big-endian hosts exist.
            family = BinaryPrimitives.ReadUInt32BigEndian(frame);
        }

        var payload = frame[LoopbackHeaderLength..];
        return family switch
        {
            AfInet => DecodeIpv4(payload, 0, out segment),
            AfInet6Linux or AfInet6NetBsd or AfInet6FreeBsd or AfInet6Darwin => DecodeIpv6(payload, 0, out segment),
            _ => DecodeResult.NotTcp,
        };
    }

    private static DecodeResult DecodeIp(ReadOnlySpan<byte> data, int vlan, out TcpSegment segment, bool unknownIsNotTcp = false)
    {
        segment = default;
        if (data.IsEmpty)
        {
            return DecodeResult.Malformed;
        }

        return (data[0] >> 4) switch
        {
            4 => DecodeIpv4(data, vlan, out segment),
            6 => DecodeIpv6(data, vlan, out segment),
            _ => unknownIsNotTcp ? DecodeResult.NotTcp : DecodeResult.Malformed,
        };
    }
}
