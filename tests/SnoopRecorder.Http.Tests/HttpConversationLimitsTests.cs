using System.Text;
using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Tests.TestSupport;
using static SnoopRecorder.Http.Tests.TestSupport.Harness;

namespace SnoopRecorder.Http.Tests;

/// <summary>Absurd sizes must cost neither a crash nor unbounded memory.</summary>
public sealed class HttpConversationLimitsTests
{
    private const int Segment = 64 * 1024;

    [Fact]
    public void HugeContentLength_StoresOnlyTheCap_ReportsRealSize_WithoutHugeAllocation()
    {
        var chunk = new byte[Segment];
        var sink = new RecordingSink();
        var conversation = new HttpConversation(new HttpParserOptions(), sink, C);
        var before = GC.GetAllocatedBytesForCurrentThread();

        Feed(conversation, [Scripts.GetRequest, Step.Data(S, "HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n")]);
        for (var i = 0; i < 48; i++)
        {
            conversation.OnData(S, chunk, 10_000 + i, 10 + i);
        }

        conversation.Close(20_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var exchange = Assert.Single(sink.Exchanges);
        Assert.Equal(48L * Segment, exchange.ResponseBody.Size);
        Assert.Equal(HttpParserOptions.DefaultMaxBodyBytes, exchange.ResponseBody.Data.Length);
        Assert.True(exchange.ResponseBody.Truncated);
        Assert.Equal(ExchangeIssues.ResponseIncomplete | ExchangeIssues.ResponseBodyTruncated, exchange.Issues);
        Assert.True(allocated < 4 * HttpParserOptions.DefaultMaxBodyBytes, $"allocated {allocated} bytes");
    }

    [Fact]
    public void BodyOverCap_IsTruncatedAndFlagged_ButExchangeIsComplete()
    {
        var exchange = Assert.Single(Run([Scripts.GetRequest, Scripts.LengthResponse], new HttpParserOptions { MaxBodyBytes = 5 }));

        Assert.Equal("hello", Wire.Text(exchange.ResponseBody.Data));
        Assert.Equal(11, exchange.ResponseBody.Size);
        Assert.True(exchange.ResponseBody.Truncated);
        Assert.Equal(ExchangeIssues.ResponseBodyTruncated, exchange.Issues);
        Assert.True(exchange.IsComplete);
    }

    [Fact]
    public void ChunkedRequestBodyOverCap_FlagsRequestTruncation()
    {
        var exchange = Assert.Single(Run([Scripts.ChunkedPost, Scripts.ChunkedResponse], new HttpParserOptions { MaxBodyBytes = 10 }));

        Assert.Equal("hello worl", Wire.Text(exchange.RequestBody.Data));
        Assert.Equal(11, exchange.RequestBody.Size);
        Assert.Equal(ExchangeIssues.RequestBodyTruncated, exchange.Issues);
    }

    [Fact]
    public void ChunkSizeOfSixteenHexDigits_IsMalformed_AndNextExchangeParses()
    {
        var exchanges = Run(
        [
            Scripts.GetRequest,
            Step.Data(S, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n"),
            Scripts.GetRequest,
            Scripts.LengthResponse,
        ]);

        Assert.Equal(2, exchanges.Count);
        Assert.True(exchanges[0].Issues.HasFlag(ExchangeIssues.ResponseMalformed));
        Assert.Equal(0, exchanges[0].ResponseBody.Size);
        Assert.True(exchanges[1].IsComplete);
    }

    [Fact]
    public void ChunkSizeOfFifteenHexDigitsWithLeadingZeros_IsAccepted()
    {
        var exchange = Assert.Single(Run([Scripts.GetRequest,
            Step.Data(S, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n000000000000005\r\nhello\r\n0\r\n\r\n")]));

        Assert.Equal("hello", Wire.Text(exchange.ResponseBody.Data));
        Assert.True(exchange.IsComplete);
    }

    [Fact]
    public void HundredThousandHeaders_MarkRequestMalformed_BoundMemory_AndNextRequestParses()
    {
        var request = new StringBuilder("GET /many HTTP/1.1\r\n");
        for (var i = 0; i < 100_000; i++)
        {
            request.Append("X-H").Append(i).Append(": v\r\n");
        }

        var bytes = Wire.Bytes(request.Append("\r\nGET /after HTTP/1.1\r\n\r\n").ToString());
        var sink = new RecordingSink();
        var conversation = new HttpConversation(new HttpParserOptions(), sink, C);
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var offset = 0; offset < bytes.Length; offset += 1460)
        {
            conversation.OnData(C, bytes.AsSpan(offset, Math.Min(1460, bytes.Length - offset)), 1000, 0);
        }

        Feed(conversation, [Step.Data(S, "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\n\r\n"), Scripts.LengthResponse]);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2, sink.Exchanges.Count);
        Assert.True(sink.Exchanges[0].Issues.HasFlag(ExchangeIssues.RequestMalformed));
        Assert.True(sink.Exchanges[0].Request!.Headers.Count <= HttpParserOptions.DefaultMaxHeaderCount);
        Assert.Equal(431, sink.Exchanges[0].Response!.StatusCode);
        Assert.Equal("/after", sink.Exchanges[1].Request!.Target);
        Assert.True(sink.Exchanges[1].IsComplete);
        Assert.True(allocated < 2 * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void TenMegabyteRequestLine_IsNotBufferedWhole_RequestIsMalformed_AndResponsePairs()
    {
        var bytes = Wire.Bytes("GET /" + new string('a', 10 * 1024 * 1024) + " HTTP/1.1\r\nHost: h\r\n\r\nGET /after HTTP/1.1\r\n\r\n");
        var sink = new RecordingSink();
        var conversation = new HttpConversation(new HttpParserOptions(), sink, C);
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var offset = 0; offset < bytes.Length; offset += Segment)
        {
            conversation.OnData(C, bytes.AsSpan(offset, Math.Min(Segment, bytes.Length - offset)), 1000, 0);
        }

        Feed(conversation, [Step.Data(S, "HTTP/1.1 414 URI Too Long\r\nContent-Length: 0\r\n\r\n"), Scripts.LengthResponse]);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2, sink.Exchanges.Count);
        var rejected = sink.Exchanges[0];
        Assert.True(rejected.Issues.HasFlag(ExchangeIssues.RequestMalformed));
        Assert.Equal("GET", rejected.Request!.Method);
        Assert.True(rejected.Request.Target.Length < HttpParserOptions.DefaultMaxHeaderSectionBytes);
        Assert.Equal(414, rejected.Response!.StatusCode);
        Assert.Equal("/after", sink.Exchanges[1].Request!.Target);
        Assert.True(allocated < 2 * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void OversizedHeaderSection_IsMalformed()
    {
        var options = new HttpParserOptions { MaxHeaderSectionBytes = 64 };
        var exchanges = Run([Step.Data(C, "GET / HTTP/1.1\r\nCookie: " + new string('c', 100) + "\r\n\r\n"), Scripts.NoContentResponse], options);

        var exchange = Assert.Single(exchanges);
        Assert.True(exchange.Issues.HasFlag(ExchangeIssues.RequestMalformed));
        Assert.Equal(204, exchange.Response!.StatusCode);
    }
}
