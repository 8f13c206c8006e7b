using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Parsing;

namespace SnoopRecorder.Http.Tests.Parsing;

public sealed class MessageFramerTests
{
    private static HttpHeader[] Fields(params string[] pairs)
        => [.. pairs.Select(p => p.Split(": ", 2)).Select(p => new HttpHeader(p[0], p[1]))];

    [Theory]
    [InlineData(200, "GET", "CloseDelimited")]
    [InlineData(200, "HEAD", "None")]
    [InlineData(204, "GET", "None")]
    [InlineData(304, "GET", "None")]
    [InlineData(100, "GET", "None")]
    [InlineData(101, "GET", "Tunnel")]
    [InlineData(200, "CONNECT", "Tunnel")]
    [InlineData(407, "CONNECT", "CloseDelimited")]
    [InlineData(200, null, "CloseDelimited")]
    public void ForResponse_WithoutLengthFields_FollowsStatusAndMethod(int status, string? method, string expected)
        => Assert.Equal(expected, MessageFramer.ForResponse(status, method, []).Framing.ToString());

    [Fact]
    public void ForResponse_TransferEncodingNotEndingInChunked_IsCloseDelimited()
        => Assert.Equal(BodyFraming.CloseDelimited, MessageFramer.ForResponse(200, "GET", Fields("Transfer-Encoding: chunked, gzip", "Content-Length: 4")).Framing);

    [Fact]
    public void ForResponse_ChunkedAcrossSeveralFields_IsChunked()
        => Assert.Equal(BodyFraming.Chunked, MessageFramer.ForResponse(200, "GET", Fields("Transfer-Encoding: gzip", "transfer-encoding: Chunked")).Framing);

    [Fact]
    public void ForRequest_TransferEncodingWithoutChunked_IsMalformed()
        => Assert.True(MessageFramer.ForRequest(Fields("Transfer-Encoding: gzip")).Malformed);

    [Theory]
    [InlineData("-1")]
    [InlineData("1x")]
    [InlineData("3, 4")]
    [InlineData("99999999999999999999")]
    [InlineData("")]
    public void ForRequest_InvalidContentLength_IsMalformed(string value)
        => Assert.True(MessageFramer.ForRequest(Fields("Content-Length: " + value)).Malformed);

    [Fact]
    public void ForRequest_MaximumContentLength_IsLegal()
    {
        var decision = MessageFramer.ForRequest(Fields("Content-Length: 9223372036854775807"));

        Assert.Equal(new FramingDecision(BodyFraming.ContentLength, long.MaxValue), decision);
    }
}
