using System.Net;
using System.Net.Http.Headers;

namespace SnoopRecorder.Api.Tests.Retention;

/// <summary>
/// <c>Snoop:MaxDataBytes</c> against imports of real corpus captures, through the real API and SQLite: refusals are
/// 507 problems that say the usage, the limit and what to do, and leave no session and no file behind.
/// </summary>
public sealed class DataQuotaImportTests
{
    private const long Quota = 16L << 20;

    // 2.6 MB: one request whose large response body is stored too (1 MiB of it).
    private const string LargeCapture = "suricata/decode-sll2-02/input.pcap";
    private const string SmallCapture = "arkime/http-simple-get.pcap";

    private static SnoopApiFactory NewFactory() =>
        new(("Snoop:MaxDataBytes", Quota.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Snoop:ImportWaitSeconds", "120"));

    [Fact]
    public async Task ImportsUntilNearTheQuota_TheNextIs507SayingUsageLimitAndWhatToDo_AndStoresNothing_UntilSessionsAreDeleted()
    {
        using var factory = NewFactory();
        var api = factory.CreateClient();
        var imported = new List<string>();
        HttpResponseMessage? refused = null;
        for (var attempt = 0; attempt < 8 && refused is null; attempt++)
        {
            var response = await api.PostFileAsync(Corpus.PathOf(LargeCapture));
            if (response.StatusCode == HttpStatusCode.Created)
            {
                imported.Add((await response.JsonAsync()).GetProperty("id").GetString()!);
            }
            else
            {
                refused = response;
            }
        }

        Assert.NotNull(refused);
        Assert.InRange(imported.Count, 2, 5);
        var usage = DataDirectoryFiles.Bytes(factory.DataDirectory);
        Assert.True(usage > Quota - new FileInfo(Corpus.PathOf(LargeCapture)).Length, $"refused at {usage} bytes of {Quota}");
        var detail = await refused.AssertProblemAsync(HttpStatusCode.InsufficientStorage);
        Assert.Contains("Data quota reached", await refused.Content.ReadAsStringAsync());
        Assert.Contains("Snoop:MaxDataBytes", detail);
        Assert.Contains($"{Quota} bytes (16.0 MiB)", detail);
        Assert.Contains("DELETE /api/sessions/{id}", detail);
        Assert.Contains("raise Snoop:MaxDataBytes", detail);

        // Nothing of the refused upload stayed: no session, no file.
        var files = DataDirectoryFiles.SessionFiles(factory.DataDirectory);
        Assert.Equal(imported.Order(), (await api.GetJsonAsync("/api/sessions")).Items().Select(s => s.GetProperty("id").GetString()!).Order());
        Assert.Equal(imported.Count, factory.CaptureFiles().Length);

        // The refusal stands while nothing changes.
        var again = await api.PostFileAsync(Corpus.PathOf(LargeCapture));
        await again.AssertProblemAsync(HttpStatusCode.InsufficientStorage);
        Assert.Equal(files, DataDirectoryFiles.SessionFiles(factory.DataDirectory));

        // Deleting sessions gives their files' room back at once.
        foreach (var id in imported.Take(2))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/sessions/{id}")).StatusCode);
            Assert.Empty(DataDirectoryFiles.FilesOf(factory.DataDirectory, id));
        }

        var accepted = await api.ImportAsync(Corpus.PathOf(LargeCapture));
        Assert.Equal("completed", accepted.GetProperty("status").GetString());
        Assert.Equal(1, accepted.GetProperty("exchanges").GetInt64());
    }

    [Fact]
    public async Task UploadWhoseLengthWouldPassTheQuota_Is507BeforeItIsRead_AndStoresNothing()
    {
        using var factory = NewFactory();
        var api = factory.CreateClient();
        var body = RepeatedCapture.Of(Corpus.PathOf(LargeCapture), 5);
        var usage = DataDirectoryFiles.Bytes(factory.DataDirectory);
        Assert.True(usage < Quota * 95 / 100 && usage + body.Length > Quota, $"usage {usage}, upload {body.Length}");

        var response = await api.PostRawAsync(body);

        var detail = await response.AssertProblemAsync(HttpStatusCode.InsufficientStorage);
        Assert.Contains($"the upload of {body.Length} bytes (12.5 MiB) would take the data directory from", detail);
        Assert.Contains($"past the {Quota} bytes (16.0 MiB) allowed (Snoop:MaxDataBytes); nothing was stored", detail);
        Assert.Empty((await api.GetJsonAsync("/api/sessions")).Items());
        Assert.Empty(DataDirectoryFiles.SessionFiles(factory.DataDirectory));

        // An upload that fits is still accepted.
        Assert.Equal(1, (await api.ImportAsync(Corpus.PathOf(SmallCapture))).GetProperty("exchanges").GetInt64());
    }

    [Fact]
    public async Task UploadOfUnknownLengthPassingTheQuota_Is507_AndWhatWasWrittenOfItIsDeleted()
    {
        using var factory = NewFactory();
        var api = factory.CreateClient();
        var body = RepeatedCapture.Of(Corpus.PathOf(LargeCapture), 5);

        // No Content-Length: the body is sent chunked, and the service can only count it as it reads.
        var content = new StreamContent(new UnseekableStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue(ApiClient.PcapMediaType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await api.SendAsync(request);

        var detail = await response.AssertProblemAsync(HttpStatusCode.InsufficientStorage);
        Assert.Contains("while it was read, which takes the data directory from", detail);
        Assert.Contains("nothing was stored", detail);
        Assert.Empty((await api.GetJsonAsync("/api/sessions")).Items());
        Assert.Empty(DataDirectoryFiles.SessionFiles(factory.DataDirectory));
        Assert.True(DataDirectoryFiles.Bytes(factory.DataDirectory) < Quota / 2);
    }

    [Fact]
    public async Task WithoutAQuota_NothingIsRefusedForSize()
    {
        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();
        var body = RepeatedCapture.Of(Corpus.PathOf(LargeCapture), 7);

        var response = await api.PostRawAsync(body);

        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        Assert.True(DataDirectoryFiles.Bytes(factory.DataDirectory) > Quota);
    }

    /// <summary>A stream HttpClient cannot take the length of, so that it sends the body chunked.</summary>
    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
