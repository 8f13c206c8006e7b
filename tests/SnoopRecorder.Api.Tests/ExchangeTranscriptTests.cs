using System.Net;

namespace SnoopRecorder.Api.Tests;

/// <summary><c>GET /api/exchanges/{id}/transcript</c> on real captures.</summary>
public sealed class ExchangeTranscriptTests(ContentCorpusFixture corpus) : IClassFixture<ContentCorpusFixture>
{
    private HttpClient Client => corpus.Client;

    [Fact]
    public async Task Transcript_IsRequestThenResponseAsOnTheWire_WithTheGzipBodyShownDecoded()
    {
        var decoded = await File.ReadAllTextAsync(
            Corpus.PathOf("zeek/baselines/scripts.base.frameworks.file-analysis.http.get/2-file"));

        var response = await Client.GetAsync($"/api/exchanges/{corpus.IdOf(ContentCorpusFixture.GetGzip)}/transcript");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(
            """
            GET /gzip HTTP/1.1
            User-Agent: curl/7.29.0
            Host: httpbin.org
            Accept: */*


            HTTP/1.1 200 OK
            Server: gunicorn/0.16.1
            Date: Mon, 18 Mar 2013 16:37:11 GMT
            Content-Type: application/json
            Content-Length: 165
            Content-Encoding: gzip
            Connection: close

            [body: 165 bytes gzip, shown decoded: 197 bytes]

            """.ReplaceLineEndings("\n") + decoded + "\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Transcript_KeepsDuplicateHeadersInOrder()
    {
        var transcript = await TranscriptAsync(ContentCorpusFixture.Brotli);

        var acceptCh = transcript.Split('\n').Where(l => l.StartsWith("Accept-CH: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["Sec-CH-UA-Platform", "Sec-CH-UA-Platform-Version", "Sec-CH-UA-Full-Version", "Sec-CH-UA-Arch", "Sec-CH-UA-Model",
             "Sec-CH-UA-Bitness", "Sec-CH-UA-Full-Version-List", "Sec-CH-UA-WoW64"],
            acceptCh.Select(l => l["Accept-CH: ".Length..]));
        Assert.Contains("[body: 95 bytes br, shown decoded: 121 bytes]\n)]}'\n", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcript_OfStackedCodings_NamesEachLayerUndone()
    {
        var transcript = await TranscriptAsync(ContentCorpusFixture.StackedGzip);

        Assert.EndsWith("[body: 135 bytes gzip + gzip + gzip, shown decoded: 24 bytes]\nHi john dauny mladshiy!\n", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcript_SummarisesABinaryBody()
    {
        var transcript = await TranscriptAsync(ContentCorpusFixture.Image, 1);

        Assert.EndsWith("Content-Type: image/jpeg\n\n[binary body: 68661 bytes image/jpeg, not shown]\n", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("JFIF", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcript_ShowsAnUncompressedTextBodyAsItIs()
    {
        var transcript = await TranscriptAsync(ContentCorpusFixture.Image, 2);

        Assert.Contains("Content-Type: text/html; charset=iso-8859-1\n\n<!DOCTYPE HTML PUBLIC", transcript, StringComparison.Ordinal);
        Assert.EndsWith("</body></html>\n", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("[body", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcript_ShowsTheRequestBodyDecoded_ThenTheInterim100_ThenTheResponse()
    {
        var transcript = await TranscriptAsync(ContentCorpusFixture.Continue);

        Assert.Contains(
            "Expect: 100-continue\n\n[body: 22 bytes gzip, shown decoded: 2 bytes]\nAB\n\n" +
            "[interim response: 100 (its headers are not recorded)]\nHTTP/1.1 200 OK\n",
            transcript,
            StringComparison.Ordinal);
        Assert.EndsWith("[body: 22 bytes gzip, shown decoded: 2 bytes]\nCD\n", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcript_OfABodyThatIsNotTheGzipItClaims_SaysSoAndShowsItAsSent()
    {
        var transcript = await TranscriptAsync(ContentCorpusFixture.NotReallyGzip);

        Assert.Contains(
            "[body: 106 bytes gzip, not decoded: not gzip data: it does not start with the gzip magic number 1F 8B]\n" +
            "{\"sdk_version\":11026,",
            transcript,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcript_WithoutResponse_SaysSoAndListsTheIssues()
    {
        var transcript = await TranscriptAsync(ContentCorpusFixture.NoResponse);

        Assert.StartsWith("HEAD /resources/fonts/SourceSansPro-Regular.ttf HTTP/1.1\n", transcript, StringComparison.Ordinal);
        Assert.EndsWith("\n\n[no response captured]\n\n[issues: requestIncomplete, noResponse]\n", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcript_OfATruncatedCompressedBody_MarksTheCutAndTheFailedDecoding()
    {
        using var factory = new SnoopApiFactory(("Snoop:MaxBodyBytes", "100"));
        using var client = factory.CreateClient();
        var session = (await client.ImportAsync(Corpus.PathOf(ContentCorpusFixture.GetGzip))).GetProperty("id").GetString();
        var id = (await client.GetJsonAsync($"/api/exchanges?session={session}")).Items()[0].GetProperty("id").GetInt64();

        var transcript = await client.GetStringAsync($"/api/exchanges/{id}/transcript");

        Assert.Matches(@"\[body: 165 bytes gzip, shown decoded: \d+ bytes\]\n\{\n  ""origin""", transcript);
        Assert.EndsWith(
            "\n[body truncated: 100 of 165 bytes stored]\n" +
            "[decoding failed: gzip data ends before the end of its compressed stream]\n" +
            "\n[issues: responseBodyTruncated]\n",
            transcript,
            StringComparison.Ordinal);
    }

    private async Task<string> TranscriptAsync(string file, int index = 0)
    {
        var response = await Client.GetAsync($"/api/exchanges/{corpus.IdOf(file, index)}/transcript");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
