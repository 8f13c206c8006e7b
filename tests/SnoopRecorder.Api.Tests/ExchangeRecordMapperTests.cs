using SnoopRecorder.Api.Imports;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Http.Model;
using SnoopRecorder.Storage.Exchanges;
using SnoopRecorder.Analysis;

namespace SnoopRecorder.Api.Tests;

public sealed class ExchangeRecordMapperTests
{
    private static readonly NetworkEndpoint Client = new("10.0.0.1", 40000);
    private static readonly NetworkEndpoint Server = new("10.0.0.2", 8080);

    [Fact]
    public void Map_OriginFormWithHostHeader_UsesTheHeaderAndTheServerPort()
    {
        var write = ExchangeRecordMapper.Map(Analyzed(Request("GET", "/shop/items?page=2", ("Host", "Shop.Example.com"), ("Accept", "*/*"))), "s1");

        var row = write.Exchange;
        Assert.Equal("s1", row.SessionId);
        Assert.Equal("/shop/items?page=2", row.Uri);
        Assert.Equal("/shop/items", row.Path);
        Assert.Equal("page=2", row.Query);
        Assert.Equal("Shop.Example.com", row.Host);
        Assert.Equal("shop.example.com", row.HostName);
        Assert.Equal(8080, row.HostPort);
        Assert.Equal([new HeaderRecord("Host", "Shop.Example.com"), new HeaderRecord("Accept", "*/*")], write.Headers.RequestHeaders);
    }

    [Fact]
    public void Map_AbsoluteFormWithoutHostHeader_TakesTheTargetsAuthority()
    {
        var row = ExchangeRecordMapper.Map(Analyzed(Request("GET", "http://h:81/a?b")), "s1").Exchange;

        Assert.Equal("h:81", row.Host);
        Assert.Equal("h", row.HostName);
        Assert.Equal(81, row.HostPort);
        Assert.Equal("/a", row.Path);
        Assert.Equal("b", row.Query);
    }

    [Fact]
    public void Map_Connect_HasNoPathAndTheTargetAsHost()
    {
        var row = ExchangeRecordMapper.Map(Analyzed(Request("CONNECT", "example.com:443")), "s1").Exchange;

        Assert.Null(row.Path);
        Assert.Equal("example.com:443", row.Host);
        Assert.Equal(443, row.HostPort);
    }

    [Fact]
    public void Map_CopiesResponseBodiesTimesPacketsAndIssues()
    {
        var body = new CapturedBody { Data = new byte[] { 1, 2, 3 }, Size = 10 };
        var exchange = new HttpExchange
        {
            ClientSide = ConversationSide.Initiator,
            Request = Request("POST", "/upload", ("Host", "h")),
            RequestBody = body,
            Response = new HttpResponseHead { Version = "HTTP/1.1", StatusCode = 201, Reason = "Created", Headers = [new HttpHeader("Content-Length", "0")] },
            InterimResponses = [new HttpResponseHead { Version = "HTTP/1.1", StatusCode = 100, Reason = "Continue", Headers = [] }],
            StartedAtNs = 1_000,
            EndedAtNs = 5_000,
            FirstPacketIndex = 3,
            LastPacketIndex = 9,
            Issues = ExchangeIssues.RequestBodyTruncated,
        };

        var write = ExchangeRecordMapper.Map(Analyzed(exchange), "s1");

        var row = write.Exchange;
        Assert.Equal((1_000L, 5_000L, 3L, 9L), (row.StartedNs, row.EndedNs, row.FirstPacketIndex, row.LastPacketIndex));
        Assert.Equal((201, "Created"), (row.Status, row.Reason));
        Assert.Equal((10L, true), (row.RequestBodySize, row.RequestBodyTruncated));
        Assert.Equal(new byte[] { 1, 2, 3 }, write.RequestBody.ToArray());
        Assert.True(write.ResponseBody.IsEmpty);
        Assert.Equal((long)ExchangeIssues.RequestBodyTruncated, row.Issues);
        Assert.True(row.Complete);
        Assert.Equal([100], write.Headers.InterimStatuses);
        Assert.Equal(("10.0.0.1", 40000, "10.0.0.2", 8080), (row.ClientIp, row.ClientPort, row.ServerIp, row.ServerPort));
        Assert.Equal(7, row.ConnectionId);
    }

    [Fact]
    public void Map_ResponseWithoutRequest_IsIncompleteWithNoMethod()
    {
        var exchange = new HttpExchange
        {
            ClientSide = ConversationSide.Initiator,
            Response = new HttpResponseHead { Version = "HTTP/1.0", StatusCode = 404, Reason = "Not Found", Headers = [] },
            StartedAtNs = 1,
            EndedAtNs = 2,
            FirstPacketIndex = 0,
            LastPacketIndex = 0,
            Issues = ExchangeIssues.NoRequest,
        };

        var row = ExchangeRecordMapper.Map(Analyzed(exchange), "s1").Exchange;

        Assert.Null(row.Method);
        Assert.Null(row.Host);
        Assert.Null(row.HostPort);
        Assert.Equal("HTTP/1.0", row.HttpVersion);
        Assert.False(row.Complete);
    }

    private static HttpRequestHead Request(string method, string target, params (string Name, string Value)[] headers) => new()
    {
        Method = method,
        Target = target,
        Version = "HTTP/1.1",
        Headers = [.. headers.Select(h => new HttpHeader(h.Name, h.Value))],
    };

    private static AnalyzedExchange Analyzed(HttpRequestHead request) => Analyzed(new HttpExchange
    {
        ClientSide = ConversationSide.Initiator,
        Request = request,
        StartedAtNs = 1,
        EndedAtNs = 2,
        FirstPacketIndex = 0,
        LastPacketIndex = 1,
        Issues = ExchangeIssues.NoResponse,
    });

    private static AnalyzedExchange Analyzed(HttpExchange exchange) => new()
    {
        Exchange = exchange,
        Connection = new AnalyzedConnection { Id = 7, Initiator = Client, Responder = Server, FirstPacketIndex = 0, FirstPacketNs = 1 },
        Client = Client,
        Server = Server,
    };
}
