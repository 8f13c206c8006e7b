using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace SnoopRecorder.Api.Tests;

/// <summary>
/// <c>GET /api/exchanges/{id}/request/body</c> and <c>/response/body</c> on real captures, checked against the oracles of
/// the tools they come from: Zeek's extracted files and body lengths (after decompression), Arkime's body MD5 (before
/// decompression), Suricata's file sizes.
/// </summary>
public sealed class ExchangeContentTests(ContentCorpusFixture corpus) : IClassFixture<ContentCorpusFixture>
{
    private HttpClient Client => corpus.Client;

    [Fact]
    public async Task ResponseBody_IsTheStoredBytesWithTheMessagesContentTypeAndEncoding()
    {
        var response = await Client.GetAsync($"/api/exchanges/{corpus.IdOf(ContentCorpusFixture.GetGzip)}/response/body");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(165, body.Length);
        Assert.Equal([0x1F, 0x8B], body[..2]);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Equal(165, response.Content.Headers.ContentLength);
        Assert.Equal("165", Header(response, "X-Snoop-Body-Size"));
        Assert.Equal("false", Header(response, "X-Snoop-Body-Truncated"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("sandbox", Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task ResponseBody_MatchesArkimesMd5OfTheBodyBeforeDecompression()
    {
        using var oracle = JsonDocument.Parse(await File.ReadAllTextAsync(Corpus.PathOf("arkime/http-content-gzip.test")));
        var expected = oracle.RootElement.GetProperty("sessions3")[0].GetProperty("body").GetProperty("http").GetProperty("md5")[0].GetString();

        var body = await Client.GetByteArrayAsync($"/api/exchanges/{corpus.IdOf(ContentCorpusFixture.ArkimeGzip)}/response/body");

        Assert.Equal(expected, Convert.ToHexStringLower(MD5.HashData(body)));
    }

    [Fact]
    public async Task DecodedGzip_IsExactlyTheFileZeekExtracted()
    {
        var expected = await File.ReadAllBytesAsync(
            Corpus.PathOf("zeek/baselines/scripts.base.frameworks.file-analysis.http.get/2-file"));

        var response = await GetDecodedAsync(ContentCorpusFixture.GetGzip);

        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(expected.Length, response.Content.Headers.ContentLength);
        Assert.Equal("gzip", Header(response, "X-Snoop-Content-Encoding"));
        Assert.Equal("false", Header(response, "X-Snoop-Decoded-Truncated"));
        Assert.Equal("false", Header(response, "X-Snoop-Decoding-Failed"));
        Assert.Null(Header(response, "X-Snoop-Decoding-Error"));
        Assert.Equal("165", Header(response, "X-Snoop-Body-Size"));
    }

    [Fact]
    public async Task DecodedXGzip_HasZeeksBodyLength()
    {
        var response = await GetDecodedAsync(ContentCorpusFixture.XGzip);

        // Zeek's http.log: response_body_len 19.
        Assert.Equal("Encoded gzip header", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DecodedDeflate_WithoutZlibHeader_HasZeeksBodyLengthForBothExchanges()
    {
        foreach (var index in new[] { 0, 1 })
        {
            var response = await GetDecodedAsync(ContentCorpusFixture.RawDeflate, index);

            // Zeek's http.log: response_body_len 13249 for both requests of dap.js.
            var script = await response.Content.ReadAsStringAsync();
            Assert.Equal(13249, script.Length);
            Assert.StartsWith("\nvar _daprr=new Array(", script, StringComparison.Ordinal);
            Assert.Equal("false", Header(response, "X-Snoop-Decoding-Failed"));
        }
    }

    [Fact]
    public async Task DecodedBrotli_HasSuricatasFileSizes()
    {
        // Suricata's test.yaml: fileinfo sizes 121 and 1743 (the compressed bodies are 95 and 640 bytes).
        var first = await GetDecodedAsync(ContentCorpusFixture.Brotli, 0);
        var second = await GetDecodedAsync(ContentCorpusFixture.Brotli, 1);

        Assert.Equal(121, (await first.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal("text/javascript; charset=UTF-8", first.Content.Headers.ContentType?.ToString());
        Assert.StartsWith(")]}'\n[\"\",[]", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1743, (await second.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal("br", Header(second, "X-Snoop-Content-Encoding"));
    }

    [Fact]
    public async Task DecodedStackedCodings_UndoesEveryGzipLayer()
    {
        // Content-Encoding: identity, identity, gzip, identity, gzip, gzip
        var response = await GetDecodedAsync(ContentCorpusFixture.StackedGzip);

        Assert.Equal("Hi john dauny mladshiy!\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("identity, identity, gzip, identity, gzip, gzip", Header(response, "X-Snoop-Content-Encoding"));
    }

    [Fact]
    public async Task DecodedRequestBody_UndoesTheRequestsContentEncoding()
    {
        var id = corpus.IdOf(ContentCorpusFixture.GzipRequest);

        var raw = await Client.GetAsync($"/api/exchanges/{id}/request/body");
        var decoded = await Client.GetAsync($"/api/exchanges/{id}/request/body?decode=true");

        Assert.Equal(45, (await raw.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(["gzip"], raw.Content.Headers.ContentEncoding);
        Assert.Equal("name=john dauny mladshiy\n", await decoded.Content.ReadAsStringAsync());
        Assert.Equal("application/x-www-form-urlencoded", decoded.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task BodyLabelledGzipThatIsNot_DecodesToNothingAndSaysDecodingFailed()
    {
        var id = corpus.IdOf(ContentCorpusFixture.NotReallyGzip);

        var decoded = await Client.GetAsync($"/api/exchanges/{id}/request/body?decode=true");
        var raw = await Client.GetStringAsync($"/api/exchanges/{id}/request/body");

        Assert.Equal(HttpStatusCode.OK, decoded.StatusCode);
        Assert.Empty(await decoded.Content.ReadAsByteArrayAsync());
        Assert.Equal("true", Header(decoded, "X-Snoop-Decoding-Failed"));
        Assert.Contains("does not start with the gzip magic number 1F 8B", Header(decoded, "X-Snoop-Decoding-Error"));
        Assert.StartsWith("{\"sdk_version\":11026,", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UncompressedBody_WithDecode_IsTheSameBytes()
    {
        var id = corpus.IdOf(ContentCorpusFixture.Image, 1);

        var raw = await Client.GetByteArrayAsync($"/api/exchanges/{id}/response/body");
        var decoded = await Client.GetAsync($"/api/exchanges/{id}/response/body?decode=true");

        Assert.Equal(68661, raw.Length);
        Assert.Equal([0xFF, 0xD8, 0xFF], raw[..3]);
        Assert.Equal(raw, await decoded.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", decoded.Content.Headers.ContentType?.ToString());
        Assert.Null(Header(decoded, "X-Snoop-Content-Encoding"));
    }

    [Fact]
    public async Task EmptyBody_Is200WithLengthZero()
    {
        var id = corpus.IdOf(ContentCorpusFixture.GetGzip);

        var response = await Client.GetAsync($"/api/exchanges/{id}/request/body");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("0", Header(response, "X-Snoop-Body-Size"));
    }

    [Fact]
    public async Task EmptyBody_OfA204WithDecode_Is200WithLengthZeroAndNoFailure()
    {
        var response = await GetDecodedAsync(ContentCorpusFixture.Brotli, 2);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        Assert.Equal("false", Header(response, "X-Snoop-Decoding-Failed"));
    }

    [Fact]
    public async Task ResponseBody_OfAnExchangeWithoutResponse_IsEmpty()
    {
        var response = await Client.GetAsync($"/api/exchanges/{corpus.IdOf(ContentCorpusFixture.NoResponse)}/response/body");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData("response/body")]
    [InlineData("request/body")]
    [InlineData("response/body?decode=true")]
    [InlineData("transcript")]
    public async Task UnknownExchange_Is404Problem(string what)
    {
        await (await Client.GetAsync($"/api/exchanges/999999/{what}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"/api/exchanges/abc/{what}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("")]
    public async Task InvalidDecodeParameter_Is400NamingIt(string value)
    {
        var response = await Client.GetAsync(
            $"/api/exchanges/{corpus.IdOf(ContentCorpusFixture.GetGzip)}/response/body?decode={Uri.EscapeDataString(value)}");

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'decode'", detail);
        Assert.Contains("true", detail);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("False")]
    public async Task DecodeFalse_IsTheStoredBody(string value)
    {
        var response = await Client.GetAsync(
            $"/api/exchanges/{corpus.IdOf(ContentCorpusFixture.GetGzip)}/response/body?decode={value}");

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Equal(165, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task StoredBodyCutByMaxBodyBytes_SaysSo_AndDecodesToTheBeginningWithAFailure()
    {
        using var factory = new SnoopApiFactory(("Snoop:MaxBodyBytes", "100"));
        using var client = factory.CreateClient();
        var session = (await client.ImportAsync(Corpus.PathOf(ContentCorpusFixture.GetGzip))).GetProperty("id").GetString();
        var id = (await client.GetJsonAsync($"/api/exchanges?session={session}")).Items()[0].GetProperty("id").GetInt64();
        var expected = await File.ReadAllBytesAsync(
            Corpus.PathOf("zeek/baselines/scripts.base.frameworks.file-analysis.http.get/2-file"));

        var raw = await client.GetAsync($"/api/exchanges/{id}/response/body");
        var decoded = await client.GetAsync($"/api/exchanges/{id}/response/body?decode=true");

        Assert.Equal(100, (await raw.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal("true", Header(raw, "X-Snoop-Body-Truncated"));
        Assert.Equal("165", Header(raw, "X-Snoop-Body-Size"));
        var beginning = await decoded.Content.ReadAsByteArrayAsync();
        Assert.NotEmpty(beginning);
        Assert.Equal(expected[..beginning.Length], beginning);
        Assert.Equal("true", Header(decoded, "X-Snoop-Body-Truncated"));
        Assert.Equal("true", Header(decoded, "X-Snoop-Decoding-Failed"));
        Assert.Equal("false", Header(decoded, "X-Snoop-Decoded-Truncated"));
        Assert.Contains("gzip data ends before the end of its compressed stream", Header(decoded, "X-Snoop-Decoding-Error"));
    }

    [Fact]
    public async Task DecodedBodyLargerThanMaxDecodedBodyBytes_IsCutThereAndSaysSo()
    {
        using var factory = new SnoopApiFactory(("Snoop:MaxDecodedBodyBytes", "1000"));
        using var client = factory.CreateClient();
        var session = (await client.ImportAsync(Corpus.PathOf(ContentCorpusFixture.ChunkedGzip))).GetProperty("id").GetString();
        var id = (await client.GetJsonAsync($"/api/exchanges?session={session}")).Items()[0].GetProperty("id").GetInt64();

        var response = await client.GetAsync($"/api/exchanges/{id}/response/body?decode=true");

        Assert.Equal(1000, (await response.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal("true", Header(response, "X-Snoop-Decoded-Truncated"));
        Assert.Equal("false", Header(response, "X-Snoop-Decoding-Failed"));
    }

    [Fact]
    public void InvalidMaxDecodedBodyBytes_StopsTheServiceNamingIt()
    {
        using var factory = new SnoopApiFactory(("Snoop:MaxDecodedBodyBytes", "0"));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("MaxDecodedBodyBytes", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_NamesTheContentRoutesWithTheirProblems()
    {
        var paths = (await Client.GetJsonAsync("/openapi/v1.json")).GetProperty("paths");

        foreach (var (path, problems) in new[]
                 {
                     ("/api/exchanges/{id}/request/body", new[] { "400", "404", "422" }),
                     ("/api/exchanges/{id}/response/body", ["400", "404", "422"]),
                     ("/api/exchanges/{id}/transcript", ["404"]),
                 })
        {
            var operation = paths.GetProperty(path).GetProperty("get");
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("operationId").GetString()));
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
            Assert.Equal(["Exchanges"], operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("200", out _));
            Assert.All(problems, status => Assert.True(
                responses.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), $"{path} {status}"));
        }
    }

    private async Task<HttpResponseMessage> GetDecodedAsync(string file, int index = 0)
    {
        var response = await Client.GetAsync($"/api/exchanges/{corpus.IdOf(file, index)}/response/body?decode=true");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file} #{index}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
