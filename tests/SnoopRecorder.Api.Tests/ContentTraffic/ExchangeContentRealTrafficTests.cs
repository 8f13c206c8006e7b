using System.Net;
using System.Text;
using Xunit.Abstractions;

namespace SnoopRecorder.Api.Tests.ContentTraffic;

/// <summary>
/// Bodies, decoding and transcripts of real compressed traffic (nginx and curl, captured by tcpdump), compared byte for
/// byte with the files nginx served and curl sent.
/// </summary>
public sealed class ExchangeContentRealTrafficTests(ContentTrafficFixture traffic, ITestOutputHelper output)
    : IClassFixture<ContentTrafficFixture>
{
    private HttpClient Client => traffic.Client;

    [Fact]
    public async Task GzipChunkedPage_IsStoredAsSentAndDecodesToTheFileNginxServed()
    {
        if (!traffic.IsAvailable(output))
        {
            return;
        }

        var raw = await BodyAsync(ContentTrafficFixture.Page);
        var decoded = await BodyAsync(ContentTrafficFixture.Page, decode: true);

        Assert.Equal(traffic.WireSizeOf(ContentTrafficFixture.Page), (await raw.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(["gzip"], raw.Content.Headers.ContentEncoding);
        Assert.Equal("text/html", raw.Content.Headers.ContentType?.ToString());
        Assert.Equal(ServedFiles.Page, await decoded.Content.ReadAsByteArrayAsync());
        Assert.Empty(decoded.Content.Headers.ContentEncoding);
        Assert.Equal("false", Header(decoded, "X-Snoop-Decoding-Failed"));
    }

    [Fact]
    public async Task GzipJson_DecodesToTheFileNginxServed()
    {
        if (!traffic.IsAvailable(output))
        {
            return;
        }

        var decoded = await BodyAsync(ContentTrafficFixture.Report, decode: true);

        Assert.Equal(ServedFiles.Report, await decoded.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/json", decoded.Content.Headers.ContentType?.ToString());
        Assert.Equal(traffic.WireSizeOf(ContentTrafficFixture.Report).ToString(), Header(decoded, "X-Snoop-Body-Size"));
    }

    [Fact]
    public async Task BinaryFile_IsTheFileNginxServed_AndTheTranscriptSummarisesIt()
    {
        if (!traffic.IsAvailable(output))
        {
            return;
        }

        var raw = await BodyAsync(ContentTrafficFixture.Pixel);
        var transcript = await TranscriptAsync(ContentTrafficFixture.Pixel);

        Assert.Equal(ServedFiles.Pixel, await raw.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", raw.Content.Headers.ContentType?.ToString());
        Assert.Empty(raw.Content.Headers.ContentEncoding);
        Assert.EndsWith($"\n\n[binary body: {ServedFiles.Pixel.Length} bytes image/png, not shown]\n", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecompressionBomb_IsStoredWhole_AndDecodesOnlyUpToMaxDecodedBodyBytes()
    {
        if (!traffic.IsAvailable(output))
        {
            return;
        }

        var raw = await BodyAsync(ContentTrafficFixture.Bomb);
        var decoded = await BodyAsync(ContentTrafficFixture.Bomb, decode: true);
        var transcript = await TranscriptAsync(ContentTrafficFixture.Bomb);

        var bomb = ServedFiles.Bomb.Value;
        Assert.Equal(bomb, await raw.Content.ReadAsByteArrayAsync());
        var zeros = await decoded.Content.ReadAsByteArrayAsync();
        Assert.Equal(ServedFiles.MaxDecodedBodyBytes, zeros.Length);
        Assert.False(zeros.AsSpan().ContainsAnyExcept((byte)0));
        Assert.Equal("true", Header(decoded, "X-Snoop-Decoded-Truncated"));
        Assert.Equal("false", Header(decoded, "X-Snoop-Decoding-Failed"));
        Assert.EndsWith(
            $"[binary body: {bomb.Length} bytes gzip, {ServedFiles.MaxDecodedBodyBytes} bytes decoded application/octet-stream, not shown]\n" +
            $"[decoded body cut at {ServedFiles.MaxDecodedBodyBytes} bytes (Snoop:MaxDecodedBodyBytes)]\n",
            transcript,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownContentCoding_Is422NamingIt_WhileTheBodyAsSentIsServed()
    {
        if (!traffic.IsAvailable(output))
        {
            return;
        }

        var id = traffic.IdOf(ContentTrafficFixture.UnknownCoding);

        var decoded = await Client.GetAsync($"/api/exchanges/{id}/response/body?decode=true");
        var raw = await BodyAsync(ContentTrafficFixture.UnknownCoding);
        var transcript = await TranscriptAsync(ContentTrafficFixture.UnknownCoding);

        var detail = await decoded.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains($"'{ContentNginx.UnknownCoding}'", detail);
        Assert.Equal(ContentNginx.UnknownCodingBody, await raw.Content.ReadAsStringAsync());
        Assert.Equal([ContentNginx.UnknownCoding], raw.Content.Headers.ContentEncoding);
        Assert.EndsWith(
            $"[body: {ContentNginx.UnknownCodingBody.Length} bytes, not decoded: unknown content coding '{ContentNginx.UnknownCoding}']\n" +
            ContentNginx.UnknownCodingBody,
            transcript,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task GzipUpload_DecodesToTheJsonCurlSent_AndTheTranscriptShowsThe100Continue()
    {
        if (!traffic.IsAvailable(output))
        {
            return;
        }

        var id = traffic.IdOf(ContentTrafficFixture.Upload);

        var raw = await Client.GetByteArrayAsync($"/api/exchanges/{id}/request/body");
        var decoded = await Client.GetByteArrayAsync($"/api/exchanges/{id}/request/body?decode=true");
        var transcript = await TranscriptAsync(ContentTrafficFixture.Upload);

        Assert.Equal(traffic.UploadGzip, raw);
        Assert.Equal(traffic.WireSizeOf(ContentTrafficFixture.Upload), raw.Length);
        Assert.Equal(ServedFiles.Upload, decoded);
        Assert.Contains("\nExpect: 100-continue\n", transcript, StringComparison.Ordinal);
        Assert.Contains(
            $"Content-Length: {traffic.UploadGzip.Length}\n\n[body: {traffic.UploadGzip.Length} bytes gzip, shown decoded: {ServedFiles.Upload.Length} bytes]\n" +
            Encoding.UTF8.GetString(ServedFiles.Upload) +
            "\n[interim response: 100 (its headers are not recorded)]\nHTTP/1.1 200 OK\n",
            transcript,
            StringComparison.Ordinal);
        Assert.EndsWith("\n\nreceived\n", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyBeyondMaxBodyBytes_IsStoredCut_AndDecodesToTheFilesBeginningWithAFailure()
    {
        if (!traffic.IsAvailable(output))
        {
            return;
        }

        var raw = await BodyAsync(ContentTrafficFixture.Large);
        var decoded = await BodyAsync(ContentTrafficFixture.Large, decode: true);

        Assert.Equal(ServedFiles.MaxBodyBytes, (await raw.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal("true", Header(raw, "X-Snoop-Body-Truncated"));
        Assert.Equal(traffic.WireSizeOf(ContentTrafficFixture.Large).ToString(), Header(raw, "X-Snoop-Body-Size"));
        var beginning = await decoded.Content.ReadAsByteArrayAsync();
        Assert.InRange(beginning.Length, ServedFiles.MaxBodyBytes, ServedFiles.Large.Length - 1);
        Assert.Equal(ServedFiles.Large[..beginning.Length], beginning);
        Assert.Equal("true", Header(decoded, "X-Snoop-Decoding-Failed"));
        Assert.Equal("false", Header(decoded, "X-Snoop-Decoded-Truncated"));
    }

    [Fact]
    public async Task Transcript_OfTheChunkedGzipPage_ShowsItDecodedFollowedByItsTrailer()
    {
        if (!traffic.IsAvailable(output))
        {
            return;
        }

        var transcript = await TranscriptAsync(ContentTrafficFixture.Page);

        Assert.StartsWith("GET /page.html HTTP/1.1\n", transcript, StringComparison.Ordinal);
        Assert.Contains("\nAccept-Encoding: gzip\n\n\nHTTP/1.1 200 OK\n", transcript, StringComparison.Ordinal);
        Assert.Contains("\nTransfer-Encoding: chunked\n", transcript, StringComparison.Ordinal);
        Assert.Contains(
            $"\n\n[body: {traffic.WireSizeOf(ContentTrafficFixture.Page)} bytes gzip, shown decoded: {ServedFiles.Page.Length} bytes]\n" +
            Encoding.UTF8.GetString(ServedFiles.Page) +
            $"[trailers]\n{ContentNginx.TrailerName}: {ContentNginx.TrailerValue}\n",
            transcript,
            StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> BodyAsync(string path, bool decode = false)
    {
        var response = await Client.GetAsync(
            $"/api/exchanges/{traffic.IdOf(path)}/response/body{(decode ? "?decode=true" : "")}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private async Task<string> TranscriptAsync(string path) =>
        await Client.GetStringAsync($"/api/exchanges/{traffic.IdOf(path)}/transcript");

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
