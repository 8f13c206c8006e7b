using System.Buffers.Binary;

namespace SnoopRecorder.Packets;

public static partial class PacketDecoder
{
    private const int Ipv4MinHeaderLength = 20;
    private const int Ipv6HeaderLength = 40;
    private const int Ipv6ExtensionMinLength = 8;
    private const int MaxIpv6ExtensionHeaders = 16;
    private const ushort Ipv4MoreFragments = 0x2000;
    private const ushort Ipv4FragmentOffsetMask = 0x1FFF;
    private const ushort Ipv6FragmentOffsetAndMore = 0xFFF9;

    /// <summary>RFC 791. The total length bounds the payload, so Ethernet padding is never taken as TCP data.</summary>
    private static DecodeResult DecodeIpv4(ReadOnlySpan<byte> ip, int vlan, out TcpSegment segment)
    {
        segment = default;
        if (ip.Length < Ipv4MinHeaderLength || (ip[0] >> 4) != 4)
        {
            return DecodeResult.Malformed;
        }

        var headerLength = (ip[0] & 0x0F) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        if (totalLength == 0)
        {
            // TCP segmentation offload: a sender-side capture sees the unsplit segment with total length 0.
            totalLength = ip.Length;
        }

        if (headerLength < Ipv4MinHeaderLength || headerLength > ip.Length || totalLength < headerLength)
        {
            return DecodeResult.Malformed;
        }

        var fragment = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]);
        if ((fragment & (Ipv4MoreFragments | Ipv4FragmentOffsetMask)) != 0)
        {
            return DecodeResult.IpFragment;
        }

        if (ip[9] != IpProtocols.Tcp)
        {
            return DecodeResult.NotTcp;
        }

        var source = IpAddressValue.FromIPv4(ip[12..]);
        var destination = IpAddressValue.FromIPv4(ip[16..]);
        var captured = ip[headerLength..Math.Min(totalLength, ip.Length)];
        return DecodeTcp(captured, totalLength - headerLength, source, destination, vlan, out segment);
    }

    /// <summary>RFC 8200: walks the extension headers; the payload length bounds the payload (0 = jumbogram: take what was captured).</summary>
    private static DecodeResult DecodeIpv6(ReadOnlySpan<byte> ip, int vlan, out TcpSegment segment)
    {
        segment = default;
        if (ip.Length < Ipv6HeaderLength || (ip[0] >> 4) != 6)
        {
            return DecodeResult.Malformed;
        }

        int declared = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        var captured = ip[Ipv6HeaderLength..];
        if (declared == 0)
        {
            declared = captured.Length;
        }
        else if (captured.Length > declared)
        {
            captured = captured[..declared];
        }

        var nextHeader = ip[6];
        for (var count = 0; ; count++)
        {
            if (nextHeader == IpProtocols.Tcp)
            {
                break;
            }

            if (count == MaxIpv6ExtensionHeaders || nextHeader == IpProtocols.NoNextHeader)
            {
                return DecodeResult.NotTcp;
            }

            int length;
            switch (nextHeader)
            {
                case IpProtocols.HopByHop or IpProtocols.Routing or IpProtocols.DestinationOptions:
                    if (captured.Length < Ipv6ExtensionMinLength)
                    {
                        return DecodeResult.Malformed;
                    }

                    length = (captured[1] + 1) * 8;
                    break;
                case IpProtocols.AuthenticationHeader:
                    if (captured.Length < Ipv6ExtensionMinLength)
                    {
                        return DecodeResult.Malformed;
                    }

                    length = (captured[1] + 2) * 4;
                    break;
                case IpProtocols.Fragment:
                    if (captured.Length < Ipv6ExtensionMinLength)
                    {
                        return DecodeResult.Malformed;
                    }

                    // Offset in the upper 13 bits, M flag in bit 0: only an unfragmented "atomic fragment" carries a whole segment.
                    if ((BinaryPrimitives.ReadUInt16BigEndian(captured[2..]) & Ipv6FragmentOffsetAndMore) != 0)
                    {
                        return DecodeResult.IpFragment;
                    }

                    length = Ipv6ExtensionMinLength;
                    break;
                default:
                    return DecodeResult.NotTcp;
            }

            if (length > captured.Length)
            {
                return DecodeResult.Malformed;
            }

            nextHeader = captured[0];
            captured = captured[length..];
            declared -= length;
        }

        var source = IpAddressValue.FromIPv6(ip[8..]);
        var destination = IpAddressValue.FromIPv6(ip[24..]);
        return DecodeTcp(captured, declared, source, destination, vlan, out segment);
    }
}
