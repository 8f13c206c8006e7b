using System.Text;
using SnoopRecorder.Packets.Tests.TestSupport;

namespace SnoopRecorder.Packets.Tests.Decoding;

public sealed class PacketDecoderTests
{
    private const byte TcpProtocol = 6;
    private static readonly byte[] Payload = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\n\r\n");

    private static byte[] TcpV4(byte[]? payload = null, byte[]? ipOptions = null) =>
        FrameBuilder.Ipv4("10.0.0.1", "10.0.0.2", TcpProtocol,
            FrameBuilder.Tcp(40000, 80, 1000, 2000, TcpFlags.Psh | TcpFlags.Ack, payload ?? Payload), ipOptions);

    private static byte[] TcpV6(params (byte Type, byte[] Header)[] extensions) =>
        FrameBuilder.Ipv6("2001:db8::1", "2001:db8::2", TcpProtocol,
            FrameBuilder.Tcp(40000, 443, 7, 9, TcpFlags.Ack, Payload), extensions);

    private static void AssertV4Segment(DecodeResult result, TcpSegment segment, int vlan = 0)
    {
        Assert.Equal(DecodeResult.Tcp, result);
        Assert.Equal("10.0.0.1:40000", segment.Source.ToString());
        Assert.Equal("10.0.0.2:80", segment.Destination.ToString());
        Assert.Equal(1000u, segment.SequenceNumber);
        Assert.Equal(2000u, segment.AcknowledgmentNumber);
        Assert.Equal(TcpFlags.Psh | TcpFlags.Ack, segment.Flags);
        Assert.Equal(Payload, segment.Payload.ToArray());
        Assert.False(segment.PayloadTruncated);
        Assert.Equal(vlan, segment.Vlan);
    }

    [Fact]
    public void Ethernet_Ipv4_Tcp_DecodesEveryField()
    {
        var result = PacketDecoder.TryDecode(LinkTypes.Ethernet, FrameBuilder.Ethernet(0x0800, TcpV4()), out var segment);
        AssertV4Segment(result, segment);
    }

    [Fact]
    public void EthernetPadding_IsNotTakenAsPayload()
    {
        // A 1-byte segment is padded to the 60-byte Ethernet minimum; only the IP total length tells them apart.
        var frame = FrameBuilder.Ethernet(0x0800, TcpV4([0x41])).Concat(new byte[6]).ToArray();
        Assert.Equal(DecodeResult.Tcp, PacketDecoder.TryDecode(LinkTypes.Ethernet, frame, out var segment));
        Assert.Equal([0x41], segment.Payload.ToArray());
        Assert.False(segment.PayloadTruncated);
    }

    [Fact]
    public void EmptySegmentWithPadding_HasNoPayload()
    {
        var frame = FrameBuilder.Ethernet(0x0800, TcpV4([])).Concat(new byte[6]).ToArray();
        Assert.Equal(DecodeResult.Tcp, PacketDecoder.TryDecode(LinkTypes.Ethernet, frame, out var segment));
        Assert.True(segment.Payload.IsEmpty);
    }

    [Theory]
    [InlineData(0x8100)]
    [InlineData(0x88A8)]
    [InlineData(0x9100)]
    public void SingleVlanTag_GivesItsId(int tpid)
    {
        var frame = FrameBuilder.Ethernet(0x0800, TcpV4(), ((ushort)tpid, (ushort)(0xE000 | 42)));
        AssertV4Segment(PacketDecoder.TryDecode(LinkTypes.Ethernet, frame, out var segment), segment, vlan: 42);
    }

    [Fact]
    public void QinQ_CombinesBothIds_SoSwappedPairsDiffer()
    {
        var outer5Inner7 = FrameBuilder.Ethernet(0x0800, TcpV4(), (0x88A8, 5), (0x8100, 7));
        var outer7Inner5 = FrameBuilder.Ethernet(0x0800, TcpV4(), (0x88A8, 7), (0x8100, 5));
        Assert.Equal(DecodeResult.Tcp, PacketDecoder.TryDecode(LinkTypes.Ethernet, outer5Inner7, out var a));
        var vlanA = a.Vlan;
        Assert.Equal(DecodeResult.Tcp, PacketDecoder.TryDecode(LinkTypes.Ethernet, outer7Inner5, out var b));
        Assert.Equal((5 << 12) | 7, vlanA);
        Assert.NotEqual(vlanA, b.Vlan);
        Assert.NotEqual(7, vlanA);
    }

    [Fact]
    public void Ipv4Options_AreSkipped()
    {
        byte[] options = [0x01, 0x01, 0x01, 0x00, 0x44, 0x04, 0x05, 0x00]; // NOP NOP NOP EOL, then a timestamp option
        var result = PacketDecoder.TryDecode(LinkTypes.Raw, TcpV4(ipOptions: options), out var segment);
        AssertV4Segment(result, segment);
    }

    [Fact]
    public void TcpOptions_AreSkipped()
    {
        byte[] tcpOptions = [0x02, 0x04, 0x05, 0xB4, 0x01, 0x03, 0x03, 0x07, 0x04, 0x02, 0x01, 0x01];
        var ip = FrameBuilder.Ipv4("10.0.0.1", "10.0.0.2", TcpProtocol,
            FrameBuilder.Tcp(40000, 80, 1000, 2000, TcpFlags.Psh | TcpFlags.Ack, Payload, tcpOptions));
        AssertV4Segment(PacketDecoder.TryDecode(LinkTypes.Raw, ip, out var segment), segment);
    }

    [Theory]
    [InlineData(0x2000)] // more fragments, offset 0
    [InlineData(0x0010)] // offset 16, last fragment
    [InlineData(0x2010)]
    public void Ipv4Fragments_AreReportedAsFragments(int fragmentField)
    {
        var ip = FrameBuilder.Ipv4("10.0.0.1", "10.0.0.2", TcpProtocol,
            FrameBuilder.Tcp(40000, 80, 1, 1, TcpFlags.Ack, Payload), fragment: (ushort)fragmentField);
        Assert.Equal(DecodeResult.IpFragment, PacketDecoder.TryDecode(LinkTypes.Raw, ip, out _));
    }

    [Fact]
    public void Ipv4DontFragmentBit_IsNotAFragment()
    {
        var ip = FrameBuilder.Ipv4("10.0.0.1", "10.0.0.2", TcpProtocol,
            FrameBuilder.Tcp(40000, 80, 1000, 2000, TcpFlags.Psh | TcpFlags.Ack, Payload), fragment: 0x4000);
        AssertV4Segment(PacketDecoder.TryDecode(LinkTypes.Raw, ip, out var segment), segment);
    }

    [Fact]
    public void Ipv4TotalLengthZero_FromSegmentationOffload_UsesCapturedLength()
    {
        var ip = FrameBuilder.Ipv4("10.0.0.1", "10.0.0.2", TcpProtocol,
            FrameBuilder.Tcp(40000, 80, 1000, 2000, TcpFlags.Psh | TcpFlags.Ack, Payload), totalLengthOverride: 0);
        AssertV4Segment(PacketDecoder.TryDecode(LinkTypes.Raw, ip, out var segment), segment);
    }

    [Fact]
    public void Ipv6_Tcp_DecodesAddressesAndPayload()
    {
        var result = PacketDecoder.TryDecode(LinkTypes.Ethernet, FrameBuilder.Ethernet(0x86DD, TcpV6()), out var segment);
        Assert.Equal(DecodeResult.Tcp, result);
        Assert.Equal("[2001:db8::1]:40000", segment.Source.ToString());
        Assert.Equal("[2001:db8::2]:443", segment.Destination.ToString());
        Assert.Equal(7u, segment.SequenceNumber);
        Assert.Equal(Payload, segment.Payload.ToArray());
    }

    [Fact]
    public void Ipv6ExtensionHeaders_AreWalked()
    {
        var hopByHop = new byte[8];
        var routing = new byte[24];
        routing[1] = 2; // (2 + 1) * 8 = 24 bytes
        var destination = new byte[16];
        destination[1] = 1;
        var authentication = new byte[16];
        authentication[1] = 2; // (2 + 2) * 4 = 16 bytes
        var atomicFragment = new byte[8];
        var frame = TcpV6((0, hopByHop), (43, routing), (44, atomicFragment), (51, authentication), (60, destination));
        Assert.Equal(DecodeResult.Tcp, PacketDecoder.TryDecode(LinkTypes.Raw, frame, out var segment));
        Assert.Equal(Payload, segment.Payload.ToArray());
        Assert.Equal(Payload.Length, segment.OriginalPayloadLength);
    }

    [Theory]
    [InlineData(0x00, 0x01)] // offset 0, more fragments
    [InlineData(0x00, 0x08)] // offset 1, last
    public void Ipv6Fragments_AreReportedAsFragments(byte high, byte low)
    {
        var fragment = new byte[8];
        fragment[2] = high;
        fragment[3] = low;
        Assert.Equal(DecodeResult.IpFragment, PacketDecoder.TryDecode(LinkTypes.Raw, TcpV6((44, fragment)), out _));
    }

    [Fact]
    public void Ipv6NoNextHeader_IsNotTcp()
    {
        var ip = FrameBuilder.Ipv6("2001:db8::1", "2001:db8::2", 59, []);
        Assert.Equal(DecodeResult.NotTcp, PacketDecoder.TryDecode(LinkTypes.Raw, ip, out _));
    }

    [Fact]
    public void LinuxCookedV1_IsDecoded()
    {
        var frame = FrameBuilder.LinuxSll(0x0800, TcpV4());
        AssertV4Segment(PacketDecoder.TryDecode(LinkTypes.LinuxSll, frame, out var segment), segment);
    }

    [Fact]
    public void LinuxCookedV2_IsDecoded()
    {
        var frame = FrameBuilder.LinuxSll2(0x86DD, TcpV6());
        Assert.Equal(DecodeResult.Tcp, PacketDecoder.TryDecode(LinkTypes.LinuxSll2, frame, out var segment));
        Assert.Equal(443, segment.Destination.Port);
    }

    [Theory]
    [InlineData(2u, false)]
    [InlineData(2u, true)]
    public void NullLoopback_Ipv4_InEitherByteOrder(uint family, bool bigEndian)
    {
        var frame = FrameBuilder.Loopback(family, bigEndian, TcpV4());
        AssertV4Segment(PacketDecoder.TryDecode(LinkTypes.Null, frame, out var segment), segment);
    }

    [Theory]
    [InlineData(24u)]
    [InlineData(28u)]
    [InlineData(30u)]
    public void NullLoopback_Ipv6Families(uint family)
    {
        var frame = FrameBuilder.Loopback(family, bigEndian: false, TcpV6());
        Assert.Equal(DecodeResult.Tcp, PacketDecoder.TryDecode(LinkTypes.Null, frame, out _));
    }

    [Fact]
    public void Loop_UsesNetworkByteOrder()
    {
        Assert.Equal(DecodeResult.Tcp, PacketDecoder.TryDecode(LinkTypes.Loop, FrameBuilder.Loopback(2, bigEndian: true, TcpV4()), out _));
        Assert.Equal(DecodeResult.Tcp, PacketDecoder.TryDecode(LinkTypes.Loop, FrameBuilder.Loopback(24, bigEndian: true, TcpV6()), out _));
    }

    [Theory]
    [InlineData(LinkTypes.Raw)]
    [InlineData(LinkTypes.RawOpenBsd)]
    [InlineData(LinkTypes.RawBsd)]
    [InlineData(LinkTypes.Ipv4)]
    public void RawIpv4LinkTypes_AreDecoded(int linkType)
    {
        AssertV4Segment(PacketDecoder.TryDecode(linkType, TcpV4(), out var segment), segment);
    }

    [Theory]
    [InlineData(LinkTypes.Raw)]
    [InlineData(LinkTypes.Ipv6)]
    public void RawIpv6LinkTypes_AreDecoded(int linkType)
    {
        Assert.Equal(DecodeResult.Tcp, PacketDecoder.TryDecode(linkType, TcpV6(), out _));
    }

    [Fact]
    public void Ipv4LinkType_RejectsIpv6()
    {
        Assert.Equal(DecodeResult.Malformed, PacketDecoder.TryDecode(LinkTypes.Ipv4, TcpV6(), out _));
    }

    [Fact]
    public void Nflog_FindsThePayloadTlv()
    {
        AssertV4Segment(PacketDecoder.TryDecode(LinkTypes.Nflog, FrameBuilder.Nflog(2, TcpV4()), out var segment), segment);
        Assert.Equal(DecodeResult.Tcp, PacketDecoder.TryDecode(LinkTypes.Nflog, FrameBuilder.Nflog(10, TcpV6()), out _));
    }

    [Fact]
    public void PppoeSession_IsDecoded()
    {
        byte[] pppoe = [0x11, 0x00, 0x00, 0x01, 0, 0, 0x00, 0x21];
        var frame = FrameBuilder.Ethernet(0x8864, [.. pppoe, .. TcpV4()]);
        AssertV4Segment(PacketDecoder.TryDecode(LinkTypes.Ethernet, frame, out var segment), segment);
    }

    [Fact]
    public void MplsLabelStack_IsPopped()
    {
        byte[] labels = [0x00, 0x01, 0x00, 0x40, 0x00, 0x02, 0x01, 0x40]; // second label has bottom-of-stack
        var frame = FrameBuilder.Ethernet(0x8847, [.. labels, .. TcpV4()]);
        AssertV4Segment(PacketDecoder.TryDecode(LinkTypes.Ethernet, frame, out var segment), segment);
    }

    [Fact]
    public void SnaplenCut_GivesCapturedBytesAndFlagsTruncation()
    {
        var full = FrameBuilder.Ethernet(0x0800, TcpV4());
        var cut = full[..^5];
        Assert.Equal(DecodeResult.Tcp, PacketDecoder.TryDecode(LinkTypes.Ethernet, cut, out var segment));
        Assert.True(segment.PayloadTruncated);
        Assert.Equal(Payload[..^5], segment.Payload.ToArray());
        Assert.Equal(Payload.Length, segment.OriginalPayloadLength);
    }

    [Fact]
    public void SnaplenCutInsideTcpOptions_GivesNoPayloadButTheRealLength()
    {
        byte[] tcpOptions = [0x01, 0x01, 0x08, 0x0A, 0, 0, 0, 1, 0, 0, 0, 2];
        var ip = FrameBuilder.Ipv4("10.0.0.1", "10.0.0.2", TcpProtocol, FrameBuilder.Tcp(40000, 80, 1, 1, TcpFlags.Ack, Payload, tcpOptions));
        Assert.Equal(DecodeResult.Tcp, PacketDecoder.TryDecode(LinkTypes.Raw, ip[..44], out var segment));
        Assert.True(segment.Payload.IsEmpty);
        Assert.True(segment.PayloadTruncated);
        Assert.Equal(Payload.Length, segment.OriginalPayloadLength);
    }

    [Fact]
    public void CutInsideHeaders_IsMalformed()
    {
        var full = FrameBuilder.Ethernet(0x0800, TcpV4());
        foreach (var length in new[] { 0, 5, 13, 14, 20, 33, 34, 40, 53 })
        {
            Assert.Equal(DecodeResult.Malformed, PacketDecoder.TryDecode(LinkTypes.Ethernet, full[..length], out _));
        }
    }

    [Fact]
    public void OtherProtocols_AreNotTcp()
    {
        var udp = FrameBuilder.Ipv4("10.0.0.1", "10.0.0.2", 17, new byte[16]);
        Assert.Equal(DecodeResult.NotTcp, PacketDecoder.TryDecode(LinkTypes.Ethernet, FrameBuilder.Ethernet(0x0800, udp), out _));
        Assert.Equal(DecodeResult.NotTcp, PacketDecoder.TryDecode(LinkTypes.Ethernet, FrameBuilder.Ethernet(0x0806, new byte[28]), out _));
        Assert.Equal(DecodeResult.NotTcp, PacketDecoder.TryDecode(LinkTypes.Ethernet, FrameBuilder.Ethernet(0x0040, new byte[64]), out _));
    }

    [Fact]
    public void UnknownLinkType_IsUnsupported()
    {
        Assert.Equal(DecodeResult.UnsupportedLinkType, PacketDecoder.TryDecode(105, TcpV4(), out _));
        Assert.False(LinkTypes.IsSupported(105));
        Assert.True(LinkTypes.IsSupported(LinkTypes.LinuxSll2));
    }

    [Fact]
    public void BadTcpDataOffset_IsMalformed()
    {
        var ip = TcpV4();
        ip[20 + 12] = 0x40; // data offset 4 words < 5
        Assert.Equal(DecodeResult.Malformed, PacketDecoder.TryDecode(LinkTypes.Raw, ip, out _));
        ip[20 + 12] = 0xF0; // 60 bytes, more than the segment
        Assert.Equal(DecodeResult.Malformed, PacketDecoder.TryDecode(LinkTypes.Raw, ip, out _));
    }
}
