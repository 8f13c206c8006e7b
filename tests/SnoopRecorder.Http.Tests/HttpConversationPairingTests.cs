using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Tests.TestSupport;
using static SnoopRecorder.Http.Tests.TestSupport.Harness;

namespace SnoopRecorder.Http.Tests;

public sealed class HttpConversationPairingTests
{
    [Fact]
    public void PipelinedRequests_BeforeAnyResponse_PairInOrder()
    {
        const int count = 20;
        var requests = string.Concat(Enumerable.Range(0, count).Select(i => $"GET /r{i} HTTP/1.1\r\nHost: h\r\n\r\n"));
        var responses = string.Concat(Enumerable.Range(0, count).Select(i => $"HTTP/1.1 200 OK\r\nContent-Length: {$"body{i}".Length}\r\n\r\nbody{i}"));

        var exchanges = Run([Step.Data(C, requests), Step.Data(S, responses)]);

        Assert.Equal(count, exchanges.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal($"/r{i}", exchanges[i].Request!.Target);
            Assert.Equal($"body{i}", Wire.Text(exchanges[i].ResponseBody.Data));
            Assert.True(exchanges[i].IsComplete);
        }
    }

    [Fact]
    public void ContinueThenFinal_ContinueIsInterimAndFinalIsTheResponse()
    {
        var exchange = Assert.Single(Run([Scripts.ExpectRequestHead, Scripts.ContinueResponse, Scripts.ExpectRequestBody,
            Step.Data(S, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")]));

        Assert.Equal(100, Assert.Single(exchange.InterimResponses).StatusCode);
        Assert.Equal(200, exchange.Response!.StatusCode);
        Assert.Equal("data", Wire.Text(exchange.RequestBody.Data));
        Assert.Equal("ok", Wire.Text(exchange.ResponseBody.Data));
        Assert.True(exchange.IsComplete);
    }

    [Fact]
    public void TwoContinuesInARow_BothInterim()
    {
        var exchange = Assert.Single(Run([Scripts.ExpectRequestHead, Scripts.ContinueResponse, Scripts.ContinueResponse,
            Step.Data(S, "HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"), Scripts.ExpectRequestBody, Scripts.NoContentResponse]));

        Assert.Equal([100, 100, 103], exchange.InterimResponses.Select(r => r.StatusCode));
        Assert.Equal(204, exchange.Response!.StatusCode);
    }

    [Fact]
    public void RequestWithoutResponse_AtClose_HasNullStatusAndNoResponse()
    {
        var exchanges = Run([Scripts.GetRequest, Scripts.LengthResponse, Step.Data(C, "GET /never HTTP/1.1\r\n\r\n")]);

        Assert.Equal(2, exchanges.Count);
        Assert.Null(exchanges[1].Response);
        Assert.Equal(ExchangeIssues.NoResponse, exchanges[1].Issues);
    }

    [Fact]
    public void ExchangeIsEmitted_AsSoonAsResponseCompletes_BeforeClose()
    {
        var sink = new RecordingSink();
        var conversation = new HttpConversation(new HttpParserOptions(), sink, C);

        Feed(conversation, [Scripts.GetRequest, Scripts.LengthResponse]);

        Assert.Single(sink.Exchanges);
        conversation.Close(1);
        conversation.Close(2);
        Assert.Single(sink.Exchanges);
    }

    [Fact]
    public void UnknownClient_ResponderStartingWithRequestLine_IsTheClient()
    {
        var exchanges = Run([Step.Data(S, "GET / HTTP/1.1\r\n\r\n"), Step.Data(C, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")], knownClient: null);

        var exchange = Assert.Single(exchanges);
        Assert.Equal(ConversationSide.Responder, exchange.ClientSide);
        Assert.True(exchange.IsComplete);
    }

    [Fact]
    public void MidStreamCapture_ResponseWithoutCapturedRequest_HasNoRequest_ThenNextExchangePairs()
    {
        var sink = new RecordingSink();
        var conversation = new HttpConversation(new HttpParserOptions(), sink, knownClient: null);

        Feed(conversation,
        [
            Step.Data(C, "ody of an earlier post\r\nstill body\r\n"),
            Step.Data(S, "r of a body\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone") with { TimestampNs = 5000 },
            Step.Data(C, "GET /next HTTP/1.1\r\n\r\n") with { TimestampNs = 6000 },
            Step.Data(S, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n") with { TimestampNs = 7000 },
        ]);

        Assert.Equal(ConversationSide.Initiator, conversation.ClientSide);
        Assert.Equal(2, sink.Exchanges.Count);
        Assert.Null(sink.Exchanges[0].Request);
        Assert.Equal(ExchangeIssues.NoRequest, sink.Exchanges[0].Issues);
        Assert.Equal("done", Wire.Text(sink.Exchanges[0].ResponseBody.Data));
        Assert.Equal("/next", sink.Exchanges[1].Request!.Target);
        Assert.Equal(404, sink.Exchanges[1].Response!.StatusCode);
    }

    [Fact]
    public void ResponseDeliveredBeforeItsHeadRequest_WaitsAndIsFramedAsHead()
    {
        // A reordered capture: the server's bytes reach the parser first; framing needs the request's method.
        var exchanges = Run(
        [
            Step.Data(S, "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") with { TimestampNs = 2000 },
            Step.Data(C, "HEAD /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n") with { TimestampNs = 1000 },
        ]);

        Assert.Equal(2, exchanges.Count);
        Assert.Equal("HEAD", exchanges[0].Request!.Method);
        Assert.Equal(0, exchanges[0].ResponseBody.Size);
        Assert.Equal("ok", Wire.Text(exchanges[1].ResponseBody.Data));
        Assert.All(exchanges, e => Assert.True(e.IsComplete));
    }

    [Fact]
    public void WaitingServer_BeyondBufferBound_AssumesGetLikeRequest()
    {
        var options = new HttpParserOptions { MaxBufferedBytesPerSide = 64 };
        var sink = new RecordingSink();
        var conversation = new HttpConversation(options, sink, C);

        Feed(conversation, [Step.Data(S, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"), Step.Data(S, new string('x', 100))]);

        var exchange = Assert.Single(sink.Exchanges);
        Assert.Equal(ExchangeIssues.NoRequest, exchange.Issues);
        Assert.Equal(100, exchange.ResponseBody.Size);
    }

    [Fact]
    public void OneSidedCapture_PendingExchangesAreBounded()
    {
        var options = new HttpParserOptions { MaxPendingExchanges = 4 };
        var sink = new RecordingSink();
        var conversation = new HttpConversation(options, sink, C);

        Feed(conversation, Enumerable.Range(0, 10).Select(i => Step.Data(C, $"GET /{i} HTTP/1.1\r\n\r\n")));

        Assert.Equal(6, sink.Exchanges.Count);
        Assert.All(sink.Exchanges, e => Assert.Equal(ExchangeIssues.NoResponse, e.Issues));
    }

    [Fact]
    public void PendingExchangesPastTheBound_WhileTheOldestsResponseArrives_KeepThatExchange_AndItGetsItsResponse()
    {
        var options = new HttpParserOptions { MaxPendingExchanges = 2 };
        var sink = new RecordingSink();
        var conversation = new HttpConversation(options, sink, C);

        Feed(conversation,
        [
            Step.Data(C, "GET /0 HTTP/1.1\r\n\r\n"),
            Step.Data(S, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbo"),
            Step.Data(C, "GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\n"),
            Step.Data(S, "dy"),
        ]);

        // /1 made room for /2 while /0's response was arriving; /0 then completed with its whole response.
        Assert.Equal(["/1", "/0"], sink.Exchanges.Select(e => e.Request!.Target));
        Assert.Equal(ExchangeIssues.NoResponse, sink.Exchanges[0].Issues);
        Assert.True(sink.Exchanges[1].IsComplete);
        Assert.Equal("body", Wire.Text(sink.Exchanges[1].ResponseBody.Data));
    }
}
