using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Tests.TestSupport;
using static SnoopRecorder.Http.Tests.TestSupport.Harness;

namespace SnoopRecorder.Http.Tests;

public sealed class HttpConversationGapTests
{
    [Fact]
    public void GapInsideContentLengthBody_FlagsExchange_CountsBytes_AndNextExchangeIsClean()
    {
        var exchanges = Run(
        [
            Scripts.GetRequest,
            Step.Data(S, "HTTP/1.1 200 OK\r\nContent-Length: 30\r\n\r\n0123456789"),
            Step.Gap(S, 10),
            Step.Data(S, "abcdefghij"),
            Scripts.GetRequest,
            Scripts.LengthResponse,
        ]);

        Assert.Equal(2, exchanges.Count);
        Assert.Equal(ExchangeIssues.ResponseGap, exchanges[0].Issues);
        Assert.Equal(30, exchanges[0].ResponseBody.Size);
        Assert.Equal("0123456789", Wire.Text(exchanges[0].ResponseBody.Data));
        Assert.True(exchanges[1].IsComplete);
        Assert.Equal("hello world", Wire.Text(exchanges[1].ResponseBody.Data));
    }

    [Fact]
    public void GapInsideRequestHead_FlagsRequest_AndResynchronisesAtNextRequest()
    {
        var exchanges = Run(
        [
            Step.Data(C, "GET /first HTTP/1.1\r\nHost: h\r\nUser-Agent: cu"),
            Step.Gap(C, 25),
            Step.Data(S, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1"),
            Step.Data(C, "ept: */*\r\n\r\nGET /second HTTP/1.1\r\nHost: h\r\n\r\n"),
            Step.Data(S, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n2"),
        ]);

        Assert.Equal(2, exchanges.Count);
        Assert.Equal(ExchangeIssues.RequestGap | ExchangeIssues.RequestMalformed, exchanges[0].Issues);
        Assert.Equal("/first", exchanges[0].Request!.Target);
        Assert.Equal([new HttpHeader("Host", "h")], exchanges[0].Request!.Headers);
        Assert.Equal("1", Wire.Text(exchanges[0].ResponseBody.Data));
        Assert.Equal("/second", exchanges[1].Request!.Target);
        Assert.True(exchanges[1].IsComplete);
        Assert.Equal("2", Wire.Text(exchanges[1].ResponseBody.Data));
    }

    [Fact]
    public void GapOfUnknownLengthInChunkedBody_FlagsResponse_AndNextResponseStillPairs()
    {
        var exchanges = Run(
        [
            Scripts.GetRequest,
            Step.Data(S, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"),
            Step.Gap(S, -1),
            Step.Data(S, "garbage\r\n0\r\n\r\n"),
            Scripts.GetRequest,
            Scripts.LengthResponse,
        ]);

        Assert.Equal(2, exchanges.Count);
        Assert.True(exchanges[0].Issues.HasFlag(ExchangeIssues.ResponseGap));
        Assert.False(exchanges[0].IsComplete);
        Assert.Equal("hello world", Wire.Text(exchanges[1].ResponseBody.Data));
    }

    [Fact]
    public void GapInsideCloseDelimitedBody_KeepsReadingToClose()
    {
        var exchange = Assert.Single(Run(
        [
            Step.Data(C, "GET / HTTP/1.0\r\n\r\n"),
            Step.Data(S, "HTTP/1.0 200 OK\r\n\r\nabc"),
            Step.Gap(S, 5),
            Step.Data(S, "xyz"),
            Step.End(S),
        ]));

        Assert.Equal(ExchangeIssues.ResponseGap, exchange.Issues);
        Assert.Equal(11, exchange.ResponseBody.Size);
        Assert.Equal("abc", Wire.Text(exchange.ResponseBody.Data));
    }
}
