using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Tests.TestSupport;
using static SnoopRecorder.Http.Tests.TestSupport.Harness;

namespace SnoopRecorder.Http.Tests;

public sealed class HttpConversationFramingTests
{
    [Fact]
    public void ChunkedBody_WithExtensionsAndTrailers_IsDechunkedAndTrailersKept()
    {
        var exchange = Assert.Single(Run([Scripts.ChunkedPost, Scripts.ChunkedResponse]));

        Assert.True(exchange.IsComplete);
        Assert.Equal("hello world", Wire.Text(exchange.RequestBody.Data));
        Assert.Equal(11, exchange.RequestBody.Size);
        Assert.Equal([new HttpHeader("X-Checksum", "abc"), new HttpHeader("X-Count", "2")], exchange.Request!.Trailers);
        Assert.Equal("0123456789", Wire.Text(exchange.ResponseBody.Data));
    }

    [Fact]
    public void ContentEncoding_IsKept_BodyStoredAsSent()
    {
        byte[] gzip = [0x1f, 0x8b, 0x08, 0x00, 0xff, 0x00, 0x0d, 0x0a];
        var head = Wire.Bytes($"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: {gzip.Length}\r\n\r\n");

        var exchange = Assert.Single(Run([Scripts.GetRequest, Step.Data(S, [.. head, .. gzip])]));

        Assert.Contains(new HttpHeader("Content-Encoding", "gzip"), exchange.Response!.Headers);
        Assert.Equal(gzip, exchange.ResponseBody.Data.ToArray());
    }

    [Fact]
    public void HeadResponse_WithContentLength_HasNoBodyAndNextExchangeParses()
    {
        var exchanges = Run([Scripts.HeadRequest, Scripts.HeadResponse, Scripts.GetRequest, Scripts.LengthResponse]);

        Assert.Equal(2, exchanges.Count);
        Assert.Equal(0, exchanges[0].ResponseBody.Size);
        Assert.Equal("5000", exchanges[0].Response!.Headers.Single(h => h.Name == "Content-Length").Value);
        Assert.Equal("hello world", Wire.Text(exchanges[1].ResponseBody.Data));
        Assert.All(exchanges, e => Assert.True(e.IsComplete));
    }

    [Theory]
    [InlineData("HTTP/1.1 204 No Content\r\nContent-Length: 3\r\n\r\n")]
    [InlineData("HTTP/1.1 304 Not Modified\r\nContent-Length: 3\r\nETag: \"x\"\r\n\r\n")]
    public void NoContentAndNotModified_HaveNoBodyEvenWithContentLength(string response)
    {
        var exchanges = Run([Scripts.GetRequest, Step.Data(S, response), Scripts.GetRequest, Scripts.LengthResponse]);

        Assert.Equal(2, exchanges.Count);
        Assert.Equal(0, exchanges[0].ResponseBody.Size);
        Assert.Equal(200, exchanges[1].Response!.StatusCode);
        Assert.True(exchanges[1].IsComplete);
    }

    [Fact]
    public void Http10Response_WithoutLength_IsDelimitedByServerClose()
    {
        var exchanges = Run(
        [
            Step.Data(C, "GET / HTTP/1.0\r\n\r\n"),
            Step.Data(S, "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html>"),
            Step.Data(S, "</html>"),
            Step.End(S),
        ], close: false);

        var exchange = Assert.Single(exchanges);
        Assert.Equal("<html></html>", Wire.Text(exchange.ResponseBody.Data));
        Assert.True(exchange.IsComplete);
        Assert.Equal("HTTP/1.0", exchange.Response!.Version);
    }

    [Fact]
    public void TransferEncodingChunked_OverridesContentLength()
    {
        var exchange = Assert.Single(Run([Scripts.GetRequest,
            Step.Data(S, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")]));

        Assert.Equal("abc", Wire.Text(exchange.ResponseBody.Data));
        Assert.True(exchange.IsComplete);
    }

    [Fact]
    public void EqualDuplicateContentLengths_AreOneLength()
    {
        var exchange = Assert.Single(Run([Scripts.GetRequest,
            Step.Data(S, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3, 3\r\n\r\nabc")]));

        Assert.Equal("abc", Wire.Text(exchange.ResponseBody.Data));
        Assert.True(exchange.IsComplete);
    }

    [Fact]
    public void ConflictingContentLengths_MarkRequestMalformed_AndNextRequestStillParses()
    {
        var exchanges = Run(
        [
            Step.Data(C, "POST /a HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"),
            Step.Data(S, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"),
            Scripts.GetRequest,
            Scripts.LengthResponse,
        ]);

        Assert.Equal(2, exchanges.Count);
        Assert.True(exchanges[0].Issues.HasFlag(ExchangeIssues.RequestMalformed));
        Assert.Equal(400, exchanges[0].Response!.StatusCode);
        Assert.Equal("/items?id=7", exchanges[1].Request!.Target);
        Assert.True(exchanges[1].IsComplete);
    }

    [Fact]
    public void RequestWithoutLength_HasNoBody()
    {
        var exchanges = Run([Step.Data(C, "DELETE /x HTTP/1.1\r\n\r\nGET /y HTTP/1.1\r\n\r\n"), Scripts.NoContentResponse, Scripts.LengthResponse]);

        Assert.Equal(["/x", "/y"], exchanges.Select(e => e.Request!.Target));
        Assert.All(exchanges, e => Assert.Equal(0, e.RequestBody.Size));
    }

    [Fact]
    public void ResponseCutByServerClose_IsFlaggedIncomplete()
    {
        var exchange = Assert.Single(Run([Scripts.GetRequest, Step.Data(S, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial"), Step.End(S)]));

        Assert.True(exchange.Issues.HasFlag(ExchangeIssues.ResponseIncomplete));
        Assert.Equal("partial", Wire.Text(exchange.ResponseBody.Data));
        Assert.False(exchange.IsComplete);
    }

    [Fact]
    public void RequestCutByClientClose_IsFlaggedIncompleteWithoutResponse()
    {
        var exchange = Assert.Single(Run([Step.Data(C, "POST /up HTTP/1.1\r\nContent-Length: 10\r\n\r\n1234"), Step.End(C)]));

        Assert.Equal(ExchangeIssues.RequestIncomplete | ExchangeIssues.NoResponse, exchange.Issues);
        Assert.Equal(4, exchange.RequestBody.Size);
    }
}
