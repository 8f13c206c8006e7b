using System.Buffers.Binary;

namespace SnoopRecorder.Packets;

public static partial class PacketDecoder
{
    private const int NflogHeaderLength = 4;
    private const int NflogTlvHeaderLength = 4;
    private const int NflogTlvAlignment = 4;
    private const ushort NflogPayloadType = 9;
    private const ushort NflogMaxTlvType = 0xFF;
    private const byte NflogFamilyInet = 2;
    private const byte NflogFamilyInet6 = 10;

    /// <summary>
    /// LINKTYPE_NFLOG (https://www.tcpdump.org/linktypes/LINKTYPE_NFLOG.html): the TLV length and type are in the
    /// capturing host's byte order, which the file does not record; little-endian is tried first and a type too large
    /// to be real switches to big-endian.
    /// </summary>
    private static DecodeResult DecodeNflog(ReadOnlySpan<byte> frame, out TcpSegment segment)
    {
        segment = default;
        if (frame.Length < NflogHeaderLength)
        {
            return DecodeResult.Malformed;
        }

        var family = frame[0];
        var offset = NflogHeaderLength;
        while (frame.Length - offset >= NflogTlvHeaderLength)
        {
            var tlv = frame[offset..];
            int length = BinaryPrimitives.ReadUInt16LittleEndian(tlv);
            int type = BinaryPrimitives.ReadUInt16LittleEndian(tlv[2..]);
            if ((type & 0x7FFF) > NflogMaxTlvType)
            {
                length = BinaryPrimitives.ReadUInt16BigEndian(tlv);
                type = BinaryPrimitives.ReadUInt16BigEndian(tlv[2..]);
            }

            if (length < NflogTlvHeaderLength || length > tlv.Length)
            {
                return DecodeResult.Malformed;
            }

            if ((type & 0x7FFF) == NflogPayloadType)
            {
                var payload = tlv[NflogTlvHeaderLength..length];
                return family switch
                {
                    NflogFamilyInet => DecodeIpv4(payload, 0, out segment),
                    NflogFamilyInet6 => DecodeIpv6(payload, 0, out segment),
                    _ => DecodeIp(payload, 0, out segment, unknownIsNotTcp: true),
                };
            }

            offset += (length + NflogTlvAlignment - 1) & ~(NflogTlvAlignment - 1);
        }

        return DecodeResult.NotTcp;
    }
}
