using System.Buffers.Binary;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Capture.Tests.Export;

/// <summary>Builds raw IPv4/TCP frames (LINKTYPE_RAW) for selector tests; checksums stay zero, as the decoder ignores them.</summary>
internal static class RawTcpFrames
{
    public static readonly TcpEndpoint Client = new(IpAddressValue.Parse("10.0.0.1"), 40000);
    public static readonly TcpEndpoint Server = new(IpAddressValue.Parse("10.0.0.2"), 80);
    public static readonly TcpEndpoint OtherClient = new(IpAddressValue.Parse("10.0.0.3"), 40001);

    public static byte[] Segment(TcpEndpoint from, TcpEndpoint to, TcpFlags flags, int payloadLength = 0)
    {
        var frame = new byte[20 + 20 + payloadLength];
        frame[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)frame.Length);
        frame[8] = 64;
        frame[9] = 6;
        from.Address.WriteBytes(frame.AsSpan(12));
        to.Address.WriteBytes(frame.AsSpan(16));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(20), from.Port);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(22), to.Port);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(24), 1000);
        frame[32] = 5 << 4;
        frame[33] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(34), 65535);
        return frame;
    }
}
