using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Tests.TestSupport;
using static SnoopRecorder.Http.Tests.TestSupport.Harness;

namespace SnoopRecorder.Http.Tests;

public sealed class HttpConversationHeaderTests
{
    [Fact]
    public void Headers_KeepOrderCaseAndDuplicates_ValuesTrimmedOfOws()
    {
        var exchange = Assert.Single(Run([Scripts.GetRequest,
            Step.Data(S, "HTTP/1.1 200 OK\r\nset-cookie: a=1\r\nX-Empty:\r\nSet-Cookie:   b=2 \t\r\nContent-Length: 0\r\n\r\n")]));

        Assert.Equal(
            [new HttpHeader("set-cookie", "a=1"), new HttpHeader("X-Empty", ""), new HttpHeader("Set-Cookie", "b=2"), new HttpHeader("Content-Length", "0")],
            exchange.Response!.Headers);
        Assert.Equal([new HttpHeader("Host", "shop.local"), new HttpHeader("Accept", "*/*")], exchange.Request!.Headers);
    }

    [Fact]
    public void BareLineFeeds_AreTolerated()
    {
        var exchange = Assert.Single(Run([Step.Data(C, "GET /lf HTTP/1.1\nHost: h\n\n"),
            Step.Data(S, "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n2\nok\n0\n\n")]));

        Assert.Equal("/lf", exchange.Request!.Target);
        Assert.Equal([new HttpHeader("Host", "h")], exchange.Request.Headers);
        Assert.Equal("ok", Wire.Text(exchange.ResponseBody.Data));
        Assert.True(exchange.IsComplete);
    }

    [Fact]
    public void ObsoleteLineFolding_IsUnfoldedIntoPreviousValue()
    {
        var exchange = Assert.Single(Run([Step.Data(C, "GET / HTTP/1.1\r\nX-Long: first\r\n  second\r\n\tthird\r\nHost: h\r\n\r\n"), Scripts.NoContentResponse]));

        Assert.Equal([new HttpHeader("X-Long", "first second third"), new HttpHeader("Host", "h")], exchange.Request!.Headers);
        Assert.True(exchange.IsComplete);
    }

    [Fact]
    public void UnknownMethod_IsARealRequest()
    {
        var exchange = Assert.Single(Run([Step.Data(C, "RPC_IN_DATA /rpc/rpcproxy.dll?host:6004 HTTP/1.1\r\nContent-Length: 2\r\n\r\nab"), Scripts.LengthResponse],
            knownClient: null));

        Assert.Equal("RPC_IN_DATA", exchange.Request!.Method);
        Assert.Equal("ab", Wire.Text(exchange.RequestBody.Data));
        Assert.Equal(C, exchange.ClientSide);
    }

    [Fact]
    public void HeaderBytes_AreDecodedAsLatin1()
    {
        var head = Wire.Bytes("GET / HTTP/1.1\r\nX-Name: ");
        var exchange = Assert.Single(Run([Step.Data(C, [.. head, 0xE9, 0xFF, .. Wire.Bytes("\r\n\r\n")]), Scripts.NoContentResponse]));

        Assert.Equal("\u00e9\u00ff", exchange.Request!.Headers[0].Value);
    }

    [Fact]
    public void EmptyLinesBeforeRequestLine_AreIgnored()
    {
        var exchange = Assert.Single(Run([Step.Data(C, "\r\n\r\nGET /x HTTP/1.1\r\n\r\n"), Scripts.NoContentResponse]));

        Assert.Equal("/x", exchange.Request!.Target);
        Assert.True(exchange.IsComplete);
    }

    [Fact]
    public void FieldLineWithoutColon_MarksMessageMalformed_OtherFieldsKept()
    {
        var exchange = Assert.Single(Run([Step.Data(C, "GET / HTTP/1.1\r\nHost: h\r\nnot a field\r\nAccept: x\r\n\r\n"), Scripts.NoContentResponse]));

        Assert.Equal([new HttpHeader("Host", "h"), new HttpHeader("Accept", "x")], exchange.Request!.Headers);
        Assert.Equal(ExchangeIssues.RequestMalformed, exchange.Issues);
    }

    [Theory]
    [InlineData("OPTIONS * HTTP/1.1", "OPTIONS", "*")]
    [InlineData("GET http://h:81/a?b HTTP/1.0", "GET", "http://h:81/a?b")]
    [InlineData("CONNECT h:443 HTTP/1.1", "CONNECT", "h:443")]
    public void RequestTargetForms_AreKeptAsSent(string requestLine, string method, string target)
    {
        var exchange = Assert.Single(Run([Step.Data(C, requestLine + "\r\n\r\n"), Step.Data(S, "HTTP/1.1 400 Bad\r\nContent-Length: 0\r\n\r\n")]));

        Assert.Equal(method, exchange.Request!.Method);
        Assert.Equal(target, exchange.Request.Target);
    }

    [Fact]
    public void VersionlessRequestLine_AtMessageBoundary_IsHttp09Request()
    {
        var exchanges = Run([Step.Data(C, "GET /HTTP/1.1\r\n\r\n"), Step.Data(S, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")]);

        var exchange = Assert.Single(exchanges);
        Assert.Equal(("GET", "/HTTP/1.1", "HTTP/0.9"), (exchange.Request!.Method, exchange.Request.Target, exchange.Request.Version));
        Assert.Equal(400, exchange.Response!.StatusCode);
        Assert.True(exchange.IsComplete);
    }

    [Fact]
    public void VersionlessLine_WhileResynchronising_IsNotARequest()
    {
        var exchanges = Run([Step.Gap(C, 100), Step.Data(C, "SEE /below\r\nGET /real HTTP/1.1\r\n\r\n"), Scripts.NoContentResponse]);

        Assert.Equal("/real", Assert.Single(exchanges).Request!.Target);
    }
}
