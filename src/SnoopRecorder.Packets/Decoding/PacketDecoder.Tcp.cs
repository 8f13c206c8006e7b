using System.Buffers.Binary;

namespace SnoopRecorder.Packets;

public static partial class PacketDecoder
{
    private const int TcpMinHeaderLength = 20;

    // RFC 9293 §3.1. `captured` is already bounded by the IP length; `declaredLength` is the TCP length the IP header claims.
    private static DecodeResult DecodeTcp(
        ReadOnlySpan<byte> captured, int declaredLength, IpAddressValue source, IpAddressValue destination, int vlan, out TcpSegment segment)
    {
        segment = default;
        if (captured.Length < TcpMinHeaderLength || declaredLength < TcpMinHeaderLength)
        {
            return DecodeResult.Malformed;
        }

        var headerLength = (captured[12] >> 4) * 4;
        if (headerLength < TcpMinHeaderLength || headerLength > declaredLength)
        {
            return DecodeResult.Malformed;
        }

        var payload = headerLength <= captured.Length ? captured[headerLength..] : default;
        segment = new TcpSegment(
            new TcpEndpoint(source, BinaryPrimitives.ReadUInt16BigEndian(captured)),
            new TcpEndpoint(destination, BinaryPrimitives.ReadUInt16BigEndian(captured[2..])),
            BinaryPrimitives.ReadUInt32BigEndian(captured[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(captured[8..]),
            (TcpFlags)captured[13],
            payload,
            vlan,
            declaredLength - headerLength);
        return DecodeResult.Tcp;
    }
}
