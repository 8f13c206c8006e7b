using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Tests.TestSupport;
using static SnoopRecorder.Http.Tests.TestSupport.Harness;

namespace SnoopRecorder.Http.Tests;

/// <summary>Request lines outside the HTTP/1.1 grammar that servers still answer, and HTTP/0.9.</summary>
public sealed class HttpConversationRequestLineTests
{
    [Fact]
    public void Http09Request_ResponseWithoutStatusLine_IsBareBodyUntilClose()
    {
        var exchange = Assert.Single(Run([Step.Data(C, "GET /zeek.html\n"), Step.Data(S, "<html>\n  hi\n"), Step.Data(S, "</html>\n"), Step.End(S)]));

        Assert.Equal(("GET", "/zeek.html", "HTTP/0.9"), (exchange.Request!.Method, exchange.Request.Target, exchange.Request.Version));
        Assert.Equal(("HTTP/0.9", 0), (exchange.Response!.Version, exchange.Response.StatusCode));
        Assert.Empty(exchange.Response.Headers);
        Assert.Equal("<html>\n  hi\n</html>\n", Wire.Text(exchange.ResponseBody.Data));
        Assert.True(exchange.IsComplete);
    }

    [Fact]
    public void Http09Request_BodyStartingWithH_WithoutLineEnd_IsStillTheResponse()
    {
        var exchange = Assert.Single(Run([Step.Data(C, "POST /zeek.html\r\n"), Step.Data(S, "Hello"), Step.End(S)]));

        Assert.Equal(0, exchange.Response!.StatusCode);
        Assert.Equal("Hello", Wire.Text(exchange.ResponseBody.Data));
        Assert.True(exchange.IsComplete);
    }

    [Fact]
    public void Http09Request_AnsweredWithStatusLine_IsParsedAsHttp1Response()
    {
        var exchange = Assert.Single(Run([Step.Data(C, "CCM_POST /HTTP/1.1\r\n"),
            Step.Data(S, "HTTP/1.0 400 Bad Request\r\nContent-Length: 3\r\n\r\nbad"), Step.End(S)]));

        Assert.Equal(("CCM_POST", "HTTP/0.9"), (exchange.Request!.Method, exchange.Request.Version));
        Assert.Equal(400, exchange.Response!.StatusCode);
        Assert.Equal("bad", Wire.Text(exchange.ResponseBody.Data));
    }

    [Fact]
    public void RequestLineWithoutTarget_IsMalformedRequestWithItsFields()
    {
        var exchange = Assert.Single(Run([Step.Data(C, "GET HTTP/1.1\r\nHost: bro.org\r\n\r\n"), Scripts.LengthResponse]));

        Assert.Equal(("GET", "", "HTTP/1.1"), (exchange.Request!.Method, exchange.Request.Target, exchange.Request.Version));
        Assert.Equal([new HttpHeader("Host", "bro.org")], exchange.Request.Headers);
        Assert.Equal(200, exchange.Response!.StatusCode);
        Assert.Equal(ExchangeIssues.RequestMalformed, exchange.Issues);
    }

    [Fact]
    public void RequestLineWithDefectiveVersion_IsMalformedRequestWithItsFields()
    {
        var exchange = Assert.Single(Run([Step.Data(C, "GET / HTTP/1.\r\nHost: www.google.com\r\n\r\n"), Scripts.LengthResponse]));

        Assert.Equal(("GET", "/", "HTTP/1."), (exchange.Request!.Method, exchange.Request.Target, exchange.Request.Version));
        Assert.Equal([new HttpHeader("Host", "www.google.com")], exchange.Request.Headers);
        Assert.Equal("hello world", Wire.Text(exchange.ResponseBody.Data));
        Assert.Equal(ExchangeIssues.RequestMalformed, exchange.Issues);
    }

    [Fact]
    public void DefectiveRequestLine_WhileResynchronising_IsNotARequest()
    {
        var exchanges = Run([Step.Gap(C, 100), Step.Data(C, "notes on HTTP/2\r\nGET /real HTTP/1.1\r\n\r\n"), Scripts.NoContentResponse]);

        Assert.Equal("/real", Assert.Single(exchanges).Request!.Target);
    }

    [Fact]
    public void Http2Preface_IsNotADefectiveHttp1Request()
    {
        var exchanges = Run([Step.Data(C, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")]);

        Assert.Empty(exchanges);
    }

    [Fact]
    public void VersionlessLineWithSpaceInTarget_IsNotARequest()
    {
        var exchange = Assert.Single(Run([Step.Data(C, "T / HTTP\r\n\r\n"),
            Step.Data(S, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), Step.End(S)]));

        Assert.Null(exchange.Request);
        Assert.Equal(400, exchange.Response!.StatusCode);
        Assert.True(exchange.Issues.HasFlag(ExchangeIssues.NoRequest));
    }

    [Fact]
    public void Http09Response_SplitAtEveryByte_IsTheSameBody()
    {
        var exchange = Assert.Single(Run([Step.Data(C, "GET /\r\n"), .. Bytewise(Step.Data(S, "<p>\r\nok\r\n")), Step.End(S)]));

        Assert.Equal("<p>\r\nok\r\n", Wire.Text(exchange.ResponseBody.Data));
        Assert.Equal(0, exchange.Response!.StatusCode);
    }
}
