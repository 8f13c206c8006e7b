using SnoopRecorder.Analysis;
using SnoopRecorder.Api.Imports;
using SnoopRecorder.Api.Redaction;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Http.Model;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Tests.Redaction;

/// <summary>Redaction happens where analysed exchanges become rows: headers and trailers of both sides.</summary>
public sealed class RedactingExchangeMapperTests
{
    private static readonly NetworkEndpoint Client = new("10.0.0.1", 40000);
    private static readonly NetworkEndpoint Server = new("10.0.0.2", 8080);

    [Fact]
    public void Map_WithARedactor_RedactsHeadersAndTrailersOfBothSidesInPlace()
    {
        var write = ExchangeRecordMapper.Map(Analyzed(), "s1", new HeaderRedactor(["X-Upstream-Token"]));

        var headers = write.Headers;
        Assert.Equal(
            [new("Host", "h"), new("Authorization", "Bearer [redacted]"), new("Cookie", "sid=[redacted]; theme=[redacted]"), new("Accept", "*/*")],
            headers.RequestHeaders);
        Assert.Equal([new HeaderRecord("X-Upstream-Token", "[redacted]"), new("X-Checksum", "abc")], headers.RequestTrailers);
        Assert.Equal(
            [new("Set-Cookie", "sid=[redacted]; Path=/; HttpOnly"), new("Set-Cookie", "theme=[redacted]"), new("Transfer-Encoding", "chunked")],
            headers.ResponseHeaders);
        Assert.Equal([new HeaderRecord("x-upstream-token", "[redacted]")], headers.ResponseTrailers);
    }

    [Fact]
    public void Map_WithoutARedactor_StoresTheValuesAsCaptured()
    {
        var write = ExchangeRecordMapper.Map(Analyzed(), "s1", redactor: null);

        Assert.Equal(new HeaderRecord("Authorization", "Bearer s3cr3t"), write.Headers.RequestHeaders[1]);
        Assert.Equal(new HeaderRecord("X-Upstream-Token", "t0k3n"), write.Headers.RequestTrailers[0]);
        Assert.Equal(new HeaderRecord("Set-Cookie", "sid=abc; Path=/; HttpOnly"), write.Headers.ResponseHeaders[0]);
    }

    [Fact]
    public void Map_Redacting_LeavesTheTargetAndTheBodiesAlone()
    {
        var write = ExchangeRecordMapper.Map(Analyzed(), "s1", new HeaderRedactor([]));

        Assert.Equal("/login?access_token=abc", write.Exchange.Uri);
        Assert.Equal("password=hunter2"u8.ToArray(), write.RequestBody.ToArray());
    }

    private static AnalyzedExchange Analyzed() => new()
    {
        Exchange = new HttpExchange
        {
            ClientSide = ConversationSide.Initiator,
            Request = new HttpRequestHead
            {
                Method = "POST",
                Target = "/login?access_token=abc",
                Version = "HTTP/1.1",
                Headers = [new("Host", "h"), new("Authorization", "Bearer s3cr3t"), new("Cookie", "sid=abc; theme=dark"), new("Accept", "*/*")],
                Trailers = [new("X-Upstream-Token", "t0k3n"), new("X-Checksum", "abc")],
            },
            RequestBody = new CapturedBody { Data = "password=hunter2"u8.ToArray(), Size = 16 },
            Response = new HttpResponseHead
            {
                Version = "HTTP/1.1",
                StatusCode = 200,
                Reason = "OK",
                Headers = [new("Set-Cookie", "sid=abc; Path=/; HttpOnly"), new("Set-Cookie", "theme=dark"), new("Transfer-Encoding", "chunked")],
                Trailers = [new HttpHeader("x-upstream-token", "t0k3n")],
            },
            StartedAtNs = 1,
            EndedAtNs = 2,
            FirstPacketIndex = 0,
            LastPacketIndex = 1,
        },
        Connection = new AnalyzedConnection { Id = 1, Initiator = Client, Responder = Server, FirstPacketIndex = 0, FirstPacketNs = 1 },
        Client = Client,
        Server = Server,
    };
}
