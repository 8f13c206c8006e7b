using System.Net;
using System.Text;
using System.Text.Json;
using static SnoopRecorder.Api.Tests.Adversarial.AdversarialTraffic;

namespace SnoopRecorder.Api.Tests.Adversarial;

/// <summary>
/// Captures made to hurt the HTTP layer — 100,000 headers, a 10 MB request line, a Content-Length of 99999999999, a
/// chunk size of 16 hex digits, a gzip bomb — imported through the real API. Each import completes, the attacked
/// exchange is stored with flags that say what happened to it, the exchange after it (on the same connection where the
/// parser can find its footing again, and on another connection) is whole, and the service keeps answering.
/// </summary>
public sealed class AdversarialMessageTests(AdversarialFixture fixture) : IClassFixture<AdversarialFixture>
{
    private const int MaxBodyBytes = 1 << 20;
    private const int MaxDecodedBodyBytes = 16 << 20;
    private const int MaxHeaderSectionBytes = 64 * 1024;
    private const int MaxHeaderCount = 1000;

    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task HundredThousandHeaders_RequestIsMalformedWithItsHeadersCapped_AndTheNextRequestParses()
    {
        var request = new StringBuilder("GET /many-headers HTTP/1.1\r\nHost: adversarial.test\r\n");
        for (var i = 0; i < 100_000; i++)
        {
            request.Append("X-Header-").Append(i).Append(": value\r\n");
        }

        var session = await fixture.ImportAsync("headers", capture =>
        {
            capture.Flow(Client(1), Server).Open()
                .ClientSends(Ascii(request.Append("\r\n").ToString()))
                .ServerSends(Ascii("HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\n\r\n"))
                .ClientSends(Get(AfterPath)).ServerSends(Ok("after"))
                .Close();
            WriteControl(capture, 2);
        });

        var exchanges = await AssertUsableAsync(session, expectedExchanges: 3);
        var attacked = await DetailAsync(exchanges, "/many-headers");
        Assert.Equal(431, attacked.GetProperty("status").GetInt32());
        Assert.False(attacked.GetProperty("complete").GetBoolean());
        Assert.Equal(["requestMalformed"], Issues(attacked));
        var headers = attacked.GetProperty("requestHeaders").GetArrayLength();
        Assert.InRange(headers, 1, MaxHeaderCount);
        AssertWhole(exchanges, AfterPath, connectionOf: attacked);
    }

    [Fact]
    public async Task TenMegabyteRequestLine_RequestIsMalformedWithItsTargetCut_AndItsResponseAndTheNextRequestPair()
    {
        var session = await fixture.ImportAsync("request-line", capture =>
        {
            var line = Ascii("GET /" + new string('a', 10 * 1024 * 1024) + " HTTP/1.1\r\nHost: adversarial.test\r\n\r\n");
            capture.Flow(Client(1), Server).Open()
                .ClientSends(line)
                .ServerSends(Ascii("HTTP/1.1 414 URI Too Long\r\nContent-Length: 0\r\n\r\n"))
                .ClientSends(Get(AfterPath)).ServerSends(Ok("after"))
                .Close();
            WriteControl(capture, 2);
        });

        var exchanges = await AssertUsableAsync(session, expectedExchanges: 3);
        var attacked = Assert.Single(exchanges, e => e.GetProperty("status") is { ValueKind: JsonValueKind.Number } status && status.GetInt32() == 414);
        Assert.Equal("GET", attacked.GetProperty("method").GetString());
        var uri = attacked.GetProperty("uri").GetString()!;
        Assert.StartsWith("/aaaa", uri, StringComparison.Ordinal);
        Assert.InRange(uri.Length, 1, MaxHeaderSectionBytes);
        Assert.False(attacked.GetProperty("complete").GetBoolean());
        Assert.Equal(["requestMalformed"], Issues(attacked));
        AssertWhole(exchanges, AfterPath, connectionOf: attacked);
        var transcript = await Client.GetAsync($"/api/exchanges/{attacked.GetProperty("id").GetInt64()}/transcript");
        Assert.Equal(HttpStatusCode.OK, transcript.StatusCode);
    }

    [Fact]
    public async Task ResponseContentLengthOf99999999999_IsIncompleteAndTruncated_WithTheSizeThatArrived()
    {
        const int sent = 3 * 1024 * 1024;
        var session = await fixture.ImportAsync("content-length", capture =>
        {
            capture.Flow(Client(1), Server).Open()
                .ClientSends(Get("/huge"))
                .ServerSends(Ascii("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 99999999999\r\n\r\n"))
                .ServerSends(new byte[sent])
                .Close();
            WriteControl(capture, 2);
        });

        var exchanges = await AssertUsableAsync(session, expectedExchanges: 2);
        var attacked = ByPath(exchanges, "/huge");
        Assert.Equal(200, attacked.GetProperty("status").GetInt32());
        Assert.Equal(sent, attacked.GetProperty("responseBodySize").GetInt64());
        Assert.True(attacked.GetProperty("responseBodyTruncated").GetBoolean());
        Assert.False(attacked.GetProperty("complete").GetBoolean());
        Assert.Equal(["responseIncomplete", "responseBodyTruncated"], Issues(attacked));
        var body = await Client.GetAsync($"/api/exchanges/{attacked.GetProperty("id").GetInt64()}/response/body");
        Assert.Equal(MaxBodyBytes, (await body.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(sent.ToString(), Header(body, "X-Snoop-Body-Size"));
        Assert.Equal("true", Header(body, "X-Snoop-Body-Truncated"));
    }

    [Fact]
    public async Task RequestContentLengthOf99999999999_IsIncomplete_AndTheRefusalPairsWithIt()
    {
        const int sent = 100 * 1024;
        var session = await fixture.ImportAsync("request-content-length", capture =>
        {
            capture.Flow(Client(1), Server).Open()
                .ClientSends(Ascii("POST /upload HTTP/1.1\r\nHost: adversarial.test\r\nContent-Length: 99999999999\r\n\r\n"))
                .ClientSends(new byte[sent])
                .ServerSends(Ascii("HTTP/1.1 413 Content Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
                .Close();
            WriteControl(capture, 2);
        });

        var exchanges = await AssertUsableAsync(session, expectedExchanges: 2);
        var attacked = ByPath(exchanges, "/upload");
        Assert.Equal(413, attacked.GetProperty("status").GetInt32());
        Assert.Equal(sent, attacked.GetProperty("requestBodySize").GetInt64());
        Assert.False(attacked.GetProperty("complete").GetBoolean());
        Assert.Equal(["requestIncomplete"], Issues(attacked));
    }

    [Fact]
    public async Task ChunkSizeOfSixteenHexDigits_ResponseIsMalformed_AndTheNextExchangeOnTheConnectionParses()
    {
        var session = await fixture.ImportAsync("chunk-size", capture =>
        {
            capture.Flow(Client(1), Server).Open()
                .ClientSends(Get("/chunked"))
                .ServerSends(Ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n"))
                .ClientSends(Get(AfterPath)).ServerSends(Ok("after"))
                .Close();
            WriteControl(capture, 2);
        });

        var exchanges = await AssertUsableAsync(session, expectedExchanges: 3);
        var attacked = ByPath(exchanges, "/chunked");
        Assert.Equal(200, attacked.GetProperty("status").GetInt32());
        Assert.Equal(0, attacked.GetProperty("responseBodySize").GetInt64());
        Assert.False(attacked.GetProperty("complete").GetBoolean());
        Assert.Equal(["responseMalformed"], Issues(attacked));
        AssertWhole(exchanges, AfterPath, connectionOf: attacked);
    }

    [Fact]
    public async Task GzipBomb_IsStoredUpToTheCap_AndDecodingStopsAtMaxDecodedBodyBytesSayingSo()
    {
        // 2 GiB of zeros in about 2 MB of gzip: more than the 1 MiB stored, which alone expands to about 1 GiB.
        const long expanded = 2L << 30;
        var gzipPath = Path.GetTempFileName();
        long compressed = 0;
        try
        {
            compressed = GzipBomb.Write(gzipPath, expanded);
            var session = await fixture.ImportAsync("gzip-bomb", capture =>
            {
                var flow = capture.Flow(Client(1), Server).Open().ClientSends(Get("/bomb"));
                flow.ServerSends(Ascii("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Encoding: gzip\r\n"
                    + $"Content-Length: {compressed}\r\n\r\n"));
                using (var body = File.OpenRead(gzipPath))
                {
                    flow.ServerSends(body);
                }

                flow.ClientSends(Get(AfterPath)).ServerSends(Ok("after")).Close();
                WriteControl(capture, 2);
            });

            var exchanges = await AssertUsableAsync(session, expectedExchanges: 3);
            var attacked = ByPath(exchanges, "/bomb");
            Assert.Equal(compressed, attacked.GetProperty("responseBodySize").GetInt64());
            Assert.True(attacked.GetProperty("complete").GetBoolean());
            Assert.Equal(["responseBodyTruncated"], Issues(attacked));
            AssertWhole(exchanges, AfterPath, connectionOf: attacked);

            var id = attacked.GetProperty("id").GetInt64();
            var decoded = await Client.GetAsync($"/api/exchanges/{id}/response/body?decode=true");
            Assert.Equal(HttpStatusCode.OK, decoded.StatusCode);
            var bytes = await decoded.Content.ReadAsByteArrayAsync();
            Assert.Equal(MaxDecodedBodyBytes, bytes.Length);
            Assert.True(bytes.AsSpan().IndexOfAnyExcept((byte)0) < 0, "the bomb decodes to zeros");
            Assert.Equal("true", Header(decoded, "X-Snoop-Decoded-Truncated"));
            Assert.Equal("false", Header(decoded, "X-Snoop-Decoding-Failed"));
            Assert.Equal("true", Header(decoded, "X-Snoop-Body-Truncated"));
            Assert.Equal("gzip", Header(decoded, "X-Snoop-Content-Encoding"));

            var transcript = await Client.GetAsync($"/api/exchanges/{id}/transcript");
            Assert.Equal(HttpStatusCode.OK, transcript.StatusCode);
            Assert.InRange((await transcript.Content.ReadAsByteArrayAsync()).Length, 1, MaxDecodedBodyBytes + MaxHeaderSectionBytes);
        }
        finally
        {
            File.Delete(gzipPath);
        }
    }

    /// <summary>
    /// The import completed (not failed), the session answers, its exchanges are listed, the control exchange on its
    /// own connection is whole, and a filtered query and the health check still answer.
    /// </summary>
    private async Task<List<JsonElement>> AssertUsableAsync(JsonElement session, int expectedExchanges)
    {
        var id = session.GetProperty("id").GetString();
        Assert.Equal("completed", session.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, session.GetProperty("error").ValueKind);
        Assert.Equal(expectedExchanges, (await Client.GetJsonAsync($"/api/sessions/{id}")).GetProperty("exchanges").GetInt64());

        var exchanges = (await Client.GetJsonAsync($"/api/exchanges?session={id}&limit=1000")).Items();
        Assert.Equal(expectedExchanges, exchanges.Count);
        AssertWhole(exchanges, ControlPath, connectionOf: null);
        var incomplete = (await Client.GetJsonAsync($"/api/exchanges?session={id}&complete=false")).Items();
        Assert.All(incomplete, e => Assert.False(e.GetProperty("complete").GetBoolean()));
        await Client.GetJsonAsync("/health");
        return exchanges;
    }

    private static void AssertWhole(List<JsonElement> exchanges, string path, JsonElement? connectionOf)
    {
        var exchange = ByPath(exchanges, path);
        Assert.True(exchange.GetProperty("complete").GetBoolean(), $"{path}: {exchange}");
        Assert.Empty(Issues(exchange));
        Assert.Equal(200, exchange.GetProperty("status").GetInt32());
        if (connectionOf is { } sibling)
        {
            Assert.Equal(sibling.GetProperty("connectionId").GetInt64(), exchange.GetProperty("connectionId").GetInt64());
        }
    }

    private async Task<JsonElement> DetailAsync(List<JsonElement> exchanges, string path) =>
        await Client.GetJsonAsync($"/api/exchanges/{ByPath(exchanges, path).GetProperty("id").GetInt64()}");

    private static JsonElement ByPath(List<JsonElement> exchanges, string path) =>
        Assert.Single(exchanges, e => e.GetProperty("path").GetString() == path);

    private static List<string?> Issues(JsonElement exchange) =>
        [.. exchange.GetProperty("issues").EnumerateArray().Select(i => i.GetString())];

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;
}
