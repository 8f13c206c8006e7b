using System.Buffers.Binary;
using System.Net;

namespace SnoopRecorder.Packets.Tests.TestSupport;

/// <summary>Builds real wire-format frames byte by byte, the way a NIC would put them in a capture.</summary>
internal static class FrameBuilder
{
    public static byte[] Tcp(ushort sourcePort, ushort destinationPort, uint seq, uint ack, TcpFlags flags, byte[] payload, byte[]? options = null)
    {
        options ??= [];
        var headerLength = 20 + options.Length;
        var tcp = new byte[headerLength + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(8), ack);
        tcp[12] = (byte)((headerLength / 4) << 4);
        tcp[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), 65535);
        options.CopyTo(tcp, 20);
        payload.CopyTo(tcp, headerLength);
        return tcp;
    }

    public static byte[] Ipv4(string source, string destination, byte protocol, byte[] payload, byte[]? options = null, ushort fragment = 0, int? totalLengthOverride = null)
    {
        options ??= [];
        var headerLength = 20 + options.Length;
        var ip = new byte[headerLength + payload.Length];
        ip[0] = (byte)(0x40 | (headerLength / 4));
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)(totalLengthOverride ?? ip.Length));
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(6), fragment);
        ip[8] = 64;
        ip[9] = protocol;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(ip, 12);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(ip, 16);
        options.CopyTo(ip, 20);
        payload.CopyTo(ip, headerLength);
        return ip;
    }

    /// <summary>IPv6 with extension headers given as (type, body) where body excludes the next-header byte.</summary>
    public static byte[] Ipv6(string source, string destination, byte protocol, byte[] payload, params (byte Type, byte[] Header)[] extensions)
    {
        var chain = new List<byte>();
        for (var i = 0; i < extensions.Length; i++)
        {
            var next = i + 1 < extensions.Length ? extensions[i + 1].Type : protocol;
            var header = (byte[])extensions[i].Header.Clone();
            header[0] = next;
            chain.AddRange(header);
        }

        var first = extensions.Length > 0 ? extensions[0].Type : protocol;
        var body = chain.Concat(payload).ToArray();
        var ip = new byte[40 + body.Length];
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(4), (ushort)body.Length);
        ip[6] = first;
        ip[7] = 64;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(ip, 8);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(ip, 24);
        body.CopyTo(ip, 40);
        return ip;
    }

    /// <summary>Ethernet II; each VLAN tag is (TPID, id).</summary>
    public static byte[] Ethernet(ushort etherType, byte[] payload, params (ushort Tpid, ushort Id)[] tags)
    {
        var frame = new List<byte>();
        frame.AddRange([0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2]);
        foreach (var (tpid, id) in tags)
        {
            frame.AddRange(BigEndian(tpid));
            frame.AddRange(BigEndian(id));
        }

        frame.AddRange(BigEndian(etherType));
        frame.AddRange(payload);
        return [.. frame];
    }

    public static byte[] LinuxSll(ushort protocol, byte[] payload)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteUInt16BigEndian(header, 0);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), 772);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), 6);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), protocol);
        return [.. header, .. payload];
    }

    public static byte[] LinuxSll2(ushort protocol, byte[] payload)
    {
        var header = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(header, protocol);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(8), 772);
        header[11] = 6;
        return [.. header, .. payload];
    }

    public static byte[] Loopback(uint family, bool bigEndian, byte[] payload)
    {
        var header = new byte[4];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(header, family);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header, family);
        }

        return [.. header, .. payload];
    }

    /// <summary>NFLOG with a prefix TLV before the payload TLV, little-endian TLV headers as on x86.</summary>
    public static byte[] Nflog(byte family, byte[] packet)
    {
        var frame = new List<byte> { family, 0, 0, 0 };
        AddTlv(frame, 10, "prefix\0"u8.ToArray());
        AddTlv(frame, 9, packet);
        return [.. frame];

        static void AddTlv(List<byte> frame, ushort type, byte[] value)
        {
            var length = (ushort)(4 + value.Length);
            frame.AddRange(BitConverter.GetBytes(length));
            frame.AddRange(BitConverter.GetBytes(type));
            frame.AddRange(value);
            while (frame.Count % 4 != 0)
            {
                frame.Add(0);
            }
        }
    }

    private static byte[] BigEndian(ushort value) => [(byte)(value >> 8), (byte)value];
}
