using System.Buffers.Binary;
using SnoopRecorder.Capture.Export.Reassembled;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Capture.Tests.Export;

/// <summary><see cref="EthernetTcpFrame"/>: well-formed frames whose IP and TCP checksums any tool accepts.</summary>
public sealed class ReassembledFrameTests : IDisposable
{
    private static readonly TcpEndpoint V4Client = new(IpAddressValue.Parse("192.168.1.10"), 51000);
    private static readonly TcpEndpoint V4Server = new(IpAddressValue.Parse("93.184.216.34"), 80);
    private static readonly TcpEndpoint V6Client = new(IpAddressValue.Parse("2001:db8::10"), 51000);
    private static readonly TcpEndpoint V6Server = new(IpAddressValue.Parse("2001:db8:1::34"), 8080);

    private readonly string _folder = Directory.CreateTempSubdirectory("snoop-frames-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<bool, TcpFlags, int> Shapes() => new()
    {
        { false, TcpFlags.Syn, 0 },
        { false, TcpFlags.Syn | TcpFlags.Ack, 0 },
        { false, TcpFlags.Ack | TcpFlags.Psh, 1 },
        { false, TcpFlags.Ack, 1459 },
        { false, TcpFlags.Ack, EthernetTcpFrame.MaxIpv4Payload },
        { false, TcpFlags.Fin | TcpFlags.Ack, 0 },
        { false, TcpFlags.Rst, 0 },
        { true, TcpFlags.Syn, 0 },
        { true, TcpFlags.Ack | TcpFlags.Psh, 333 },
        { true, TcpFlags.Ack, EthernetTcpFrame.MaxIpv6Payload },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Frame_HasValidIpAndTcpChecksums_RecomputedIndependently(bool ipv6, TcpFlags flags, int payloadLength)
    {
        var payload = ReassembledTcp.Bytes(payloadLength);
        var header = new SyntheticTcpHeader(ipv6 ? V6Client : V4Client, ipv6 ? V6Server : V4Server, 0xFFFF_FFF0, 0x8000_0001, flags);
        var frame = new byte[EthernetTcpFrame.MaxFrameLength];
        var length = EthernetTcpFrame.Write(frame, header, payload);
        var written = frame.AsSpan(0, length);

        Assert.Equal(EthernetTcpFrame.LengthOf(header, payloadLength), length);
        Assert.Equal(ipv6 ? 0x86DD : 0x0800, BinaryPrimitives.ReadUInt16BigEndian(written[12..]));
        var ipLength = ipv6 ? 40 : 20;
        var ip = written[14..(14 + ipLength)];
        var tcp = written[(14 + ipLength)..];
        if (!ipv6)
        {
            Assert.Equal(0, OnesComplementSum(ip));
            Assert.Equal(length - 14, BinaryPrimitives.ReadUInt16BigEndian(ip[2..]));
        }
        else
        {
            Assert.Equal(tcp.Length, BinaryPrimitives.ReadUInt16BigEndian(ip[4..]));
        }

        // RFC 9293 §3.1: the pseudo-header, then the segment; a valid checksum makes the whole sum 0xFFFF (0 complemented).
        var pseudo = new List<byte>();
        pseudo.AddRange(ipv6 ? ip[8..40].ToArray() : ip[12..20].ToArray());
        pseudo.AddRange(ipv6 ? [0, 0, (byte)(tcp.Length >> 8), (byte)tcp.Length, 0, 0, 0, 6] : [0, 6, (byte)(tcp.Length >> 8), (byte)tcp.Length]);
        Assert.Equal(0, OnesComplementSum([.. pseudo, .. tcp.ToArray()]));

        Assert.Equal(DecodeResult.Tcp, PacketDecoder.TryDecode(LinkTypes.Ethernet, written, out var segment));
        Assert.Equal((header.Source, header.Destination, header.SequenceNumber, flags), (segment.Source, segment.Destination, segment.SequenceNumber, segment.Flags));
        Assert.Equal((flags & TcpFlags.Ack) != 0 ? header.AcknowledgmentNumber : 0, segment.AcknowledgmentNumber);
        Assert.True(segment.Payload.SequenceEqual(payload));
    }

    [Fact]
    public void Syn_AnnouncesTheMssAndTheWindowScale_LaterSegmentsOnlyTheWindow()
    {
        var frame = new byte[EthernetTcpFrame.MaxFrameLength];
        EthernetTcpFrame.Write(frame, new SyntheticTcpHeader(V4Client, V4Server, 1, 0, TcpFlags.Syn), []);
        var tcp = frame.AsSpan(34);
        Assert.Equal(7 << 4, tcp[12]);
        Assert.Equal([2, 4, 0x05, 0xB4, 1, 3, 3, EthernetTcpFrame.WindowScale], tcp[20..28].ToArray());
        Assert.Equal(65535, BinaryPrimitives.ReadUInt16BigEndian(tcp[14..]));

        var length = EthernetTcpFrame.Write(frame, new SyntheticTcpHeader(V4Client, V4Server, 2, 1, TcpFlags.Ack), []);
        Assert.Equal(54, length);
        Assert.Equal(5 << 4, frame[34 + 12]);
    }

    [Fact]
    public void EthernetAddresses_AreLocallyAdministered_AndDerivedFromTheIpAddresses()
    {
        var frame = new byte[EthernetTcpFrame.MaxFrameLength];
        EthernetTcpFrame.Write(frame, new SyntheticTcpHeader(V4Client, V4Server, 1, 0, TcpFlags.Syn), []);

        Assert.Equal([0x02, 0x00, 93, 184, 216, 34], frame[..6]);
        Assert.Equal([0x02, 0x00, 192, 168, 1, 10], frame[6..12]);
    }

    [Fact]
    public void Frame_RefusesMixedAddressFamiliesAndPayloadsLongerThanTheMss()
    {
        var frame = new byte[EthernetTcpFrame.MaxFrameLength];
        Assert.Throws<ArgumentException>(() => EthernetTcpFrame.Write(frame, new SyntheticTcpHeader(V4Client, V6Server, 1, 0, TcpFlags.Syn), []));
        Assert.Throws<ArgumentException>(() => EthernetTcpFrame.Write(
            frame, new SyntheticTcpHeader(V6Client, V6Server, 1, 0, TcpFlags.Ack), new byte[EthernetTcpFrame.MaxIpv6Payload + 1]));
    }

    [Fact]
    public async Task Tshark_ValidatingChecksums_FindsNoBadOneInARebuiltCapture()
    {
        var tcp = new ReassembledTcp();
        var v6 = new ReassembledTcp(ipv6: true);
        foreach (var (conversation, body) in new[] { (tcp, ReassembledTcp.Bytes(7001)), (v6, ReassembledTcp.Bytes(3333, 7)) })
        {
            conversation.Handshake(0xFFFF_F000, 77)
                .FromClient(0xFFFF_F001, 78, TcpFlags.Ack | TcpFlags.Psh, body)          // wraps past 2^32
                .FromServer(78, unchecked(0xFFFF_F001 + (uint)body.Length), TcpFlags.Ack | TcpFlags.Psh, ReassembledTcp.Bytes(1))
                .Finish();
        }

        var path = Path.Combine(_folder, "checksums.pcapng");
        await using (var file = File.Create(path))
        {
            await using var writer = new PcapngStreamWriter(file, LinkTypes.Ethernet, "checksums");
            foreach (var frame in tcp.Frames.Concat(v6.Frames))
            {
                writer.WritePacket(frame.TimestampNs, frame.Bytes, null);
            }

            await writer.FlushAsync(CancellationToken.None);
        }

        var statuses = await ReassembledTshark.CheckedFieldsAsync(path, "tcp", "ip.checksum.status", "tcp.checksum.status");
        Assert.Equal([.. Enumerable.Repeat("1|1", tcp.Frames.Count), .. Enumerable.Repeat("|1", v6.Frames.Count)], statuses);
        Assert.Empty(await ReassembledTshark.BadChecksumFramesAsync(path));
    }

    /// <summary>The 16-bit ones' complement sum, written the plain way (RFC 1071 §4.1), complemented: 0 when valid.</summary>
    private static int OnesComplementSum(ReadOnlySpan<byte> data)
    {
        var sum = 0;
        for (var i = 0; i < data.Length; i += 2)
        {
            sum += (data[i] << 8) | (i + 1 < data.Length ? data[i + 1] : 0);
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return ~sum & 0xFFFF;
    }
}
