using SnoopRecorder.Packets.Tests.TestSupport;

namespace SnoopRecorder.Packets.Tests.Decoding;

public sealed class PacketDecoderRobustnessTests
{
    private static readonly int[] AllLinkTypes =
    [
        LinkTypes.Null, LinkTypes.Ethernet, LinkTypes.RawOpenBsd, LinkTypes.RawBsd, LinkTypes.Raw, LinkTypes.Loop,
        LinkTypes.LinuxSll, LinkTypes.Ipv4, LinkTypes.Ipv6, LinkTypes.Nflog, LinkTypes.LinuxSll2, 9999, -1,
    ];

    [Fact]
    public void RandomGarbage_NeverThrows()
    {
        var random = new Random(12345);
        var counts = new Dictionary<DecodeResult, int>();
        for (var i = 0; i < 200_000; i++)
        {
            var frame = new byte[random.Next(0, 200)];
            random.NextBytes(frame);
            var result = PacketDecoder.TryDecode(AllLinkTypes[i % AllLinkTypes.Length], frame, out var segment);
            counts[result] = counts.GetValueOrDefault(result) + 1;
            if (result == DecodeResult.Tcp)
            {
                Assert.True(segment.OriginalPayloadLength >= segment.Payload.Length);
            }
        }

        Assert.True(counts.GetValueOrDefault(DecodeResult.Malformed) > 0);
    }

    [Fact]
    public void MutatedValidFrames_NeverThrow()
    {
        var random = new Random(777);
        var tcp = FrameBuilder.Tcp(1, 2, 3, 4, TcpFlags.Ack, new byte[40]);
        var hopByHop = new byte[8];
        byte[][] seeds =
        [
            FrameBuilder.Ethernet(0x0800, FrameBuilder.Ipv4("1.2.3.4", "5.6.7.8", 6, tcp), (0x8100, 3)),
            FrameBuilder.Ethernet(0x86DD, FrameBuilder.Ipv6("::1", "::2", 6, tcp, (0, hopByHop))),
            FrameBuilder.Nflog(2, FrameBuilder.Ipv4("1.2.3.4", "5.6.7.8", 6, tcp)),
        ];
        int[] linkTypes = [LinkTypes.Ethernet, LinkTypes.Ethernet, LinkTypes.Nflog];
        var decoded = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var seed = i % seeds.Length;
            var frame = (byte[])seeds[seed].Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                frame[random.Next(frame.Length)] = (byte)random.Next(256);
            }

            var length = random.Next(2) == 0 ? frame.Length : random.Next(frame.Length + 1);
            if (PacketDecoder.TryDecode(linkTypes[seed], frame.AsSpan(0, length), out _) == DecodeResult.Tcp)
            {
                decoded++;
            }
        }

        Assert.True(decoded > 0, "some mutations leave the frame decodable");
    }
}
