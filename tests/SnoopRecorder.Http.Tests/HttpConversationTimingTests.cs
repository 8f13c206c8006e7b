using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Tests.TestSupport;
using static SnoopRecorder.Http.Tests.TestSupport.Harness;

namespace SnoopRecorder.Http.Tests;

public sealed class HttpConversationTimingTests
{
    [Fact]
    public void Exchange_SpansFirstRequestByteToLastResponseByte_AndAllItsPackets()
    {
        var exchanges = Run(
        [
            .. Cut(Scripts.ExpectRequestHead, 10) // packets 0, 1
                .Select((s, i) => s with { TimestampNs = 100 + i, PacketIndex = 10 + i }),
            Scripts.ContinueResponse with { TimestampNs = 200, PacketIndex = 12 },
            Scripts.ExpectRequestBody with { TimestampNs = 300, PacketIndex = 13 },
            .. Cut(Step.Data(S, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), 5, 39)
                .Select((s, i) => s with { TimestampNs = 400 + i, PacketIndex = 14 + i }),
            Scripts.GetRequest with { TimestampNs = 500, PacketIndex = 17 },
            Scripts.NoContentResponse with { TimestampNs = 600, PacketIndex = 18 },
        ]);

        Assert.Equal(2, exchanges.Count);
        var first = exchanges[0];
        Assert.Equal(100, first.StartedAtNs);
        Assert.Equal(402, first.EndedAtNs);
        Assert.Equal(10, first.FirstPacketIndex);
        Assert.Equal(16, first.LastPacketIndex);
        Assert.Equal(400, first.Response!.StartedAtNs);
        Assert.Equal(200, first.InterimResponses[0].StartedAtNs);
        Assert.Equal((500, 600, 17, 18), (exchanges[1].StartedAtNs, exchanges[1].EndedAtNs, exchanges[1].FirstPacketIndex, exchanges[1].LastPacketIndex));
    }

    [Fact]
    public void ResponseWithoutRequest_StartsAtItsFirstByte()
    {
        var exchange = Assert.Single(Run([Scripts.LengthResponse with { TimestampNs = 700, PacketIndex = 3 }]));

        Assert.Equal(ExchangeIssues.NoRequest, exchange.Issues);
        Assert.Equal((700, 700, 3, 3), (exchange.StartedAtNs, exchange.EndedAtNs, exchange.FirstPacketIndex, exchange.LastPacketIndex));
    }

    [Fact]
    public void RequestWithoutResponse_EndsAtItsLastByte()
    {
        var exchange = Assert.Single(Run(Cut(Scripts.GetRequest, 4).Select((s, i) => s with { TimestampNs = 50 + i, PacketIndex = 7 + i })));

        Assert.Equal((50, 51, 7, 8), (exchange.StartedAtNs, exchange.EndedAtNs, exchange.FirstPacketIndex, exchange.LastPacketIndex));
    }
}
