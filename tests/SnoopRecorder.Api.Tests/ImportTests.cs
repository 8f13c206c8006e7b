using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SnoopRecorder.Api.Tests;

public sealed class ImportTests
{
    [Fact]
    public async Task RawPcap_Answers201WithLocationAndTheCompletedSession()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        var path = Corpus.PathOf("arkime/http-simple-get.pcap");

        var response = await client.PostFileAsync(path);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = await response.JsonAsync();
        var id = session.GetProperty("id").GetString()!;
        Assert.Equal($"/api/sessions/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("import", session.GetProperty("kind").GetString());
        Assert.Equal("completed", session.GetProperty("status").GetString());
        Assert.Equal(1, session.GetProperty("exchanges").GetInt64());
        Assert.True(session.GetProperty("packets").GetInt64() > 0);
        Assert.True(session.GetProperty("bytes").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Null, session.GetProperty("error").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, session.GetProperty("endedAt").ValueKind);
        Assert.True(session.TryGetProperty("createdAt", out _));
        Assert.True(session.TryGetProperty("name", out _));

        // The file is kept as the session's capture, byte for byte.
        var kept = Path.Combine(factory.CapturesDirectory, $"{id}.pcap");
        Assert.Equal(await File.ReadAllBytesAsync(path), await File.ReadAllBytesAsync(kept));

        var fetched = await client.GetJsonAsync($"/api/sessions/{id}");
        Assert.Equal("completed", fetched.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ImportedExchange_CarriesArkimeExpectedValues()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        var session = await client.ImportAsync(Corpus.PathOf("arkime/http-simple-get.pcap"));
        var id = session.GetProperty("id").GetString();

        var page = await client.GetJsonAsync($"/api/exchanges?session={id}");

        var exchange = Assert.Single(page.Items());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
        Assert.Equal(id, exchange.GetProperty("sessionId").GetString());
        Assert.Equal("GET", exchange.GetProperty("method").GetString());
        Assert.Equal("/", exchange.GetProperty("uri").GetString());
        Assert.Equal("/", exchange.GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, exchange.GetProperty("query").ValueKind);
        Assert.Equal("xxxxxxxxxxxxx.xxx.com", exchange.GetProperty("host").GetString());
        Assert.Equal("HTTP/1.1", exchange.GetProperty("httpVersion").GetString());
        Assert.Equal(403, exchange.GetProperty("status").GetInt32());
        Assert.Equal("10.180.156.249", exchange.GetProperty("server").GetProperty("ip").GetString());
        Assert.Equal(80, exchange.GetProperty("server").GetProperty("port").GetInt32());
        Assert.True(exchange.GetProperty("complete").GetBoolean());
        Assert.True(exchange.GetProperty("durationMs").GetDouble() >= 0);
        var started = exchange.GetProperty("startedAt").GetDateTime();
        Assert.Equal(new DateTime(2013, 11, 25), started.Date);
        Assert.EndsWith("Z", exchange.GetProperty("startedAt").GetString(), StringComparison.Ordinal);
        Assert.False(exchange.TryGetProperty("requestHeaders", out _));

        var detail = await client.GetJsonAsync($"/api/exchanges/{exchange.GetProperty("id").GetInt64()}");
        var requestHeaders = detail.GetProperty("requestHeaders").EnumerateArray().Select(h => h.GetProperty("name").GetString()!.ToLowerInvariant()).ToList();
        Assert.Equal(["accept", "host", "user-agent"], requestHeaders.Order());
        var responseHeaders = detail.GetProperty("responseHeaders").EnumerateArray().Select(h => h.GetProperty("name").GetString()!.ToLowerInvariant()).ToList();
        Assert.Equal(["accept-ranges", "connection", "content-length", "content-type", "date", "server"], responseHeaders.Order());
        Assert.True(detail.GetProperty("responseBodySize").GetInt64() > 0);
    }

    [Fact]
    public async Task MultipartFileField_IsImportedAndNamedAfterTheFile()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("ignored"), "comment");
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(Corpus.PathOf("arkime/http-post-upload.pcap")));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.tcpdump.pcap");
        form.Add(file, "file", "http-post-upload.pcap");

        var response = await client.PostAsync("/api/imports", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = await response.JsonAsync();
        Assert.Equal("http-post-upload.pcap", session.GetProperty("name").GetString());
        Assert.Equal("completed", session.GetProperty("status").GetString());
        Assert.Equal(3, session.GetProperty("exchanges").GetInt64());
        var page = await client.GetJsonAsync($"/api/exchanges?session={session.GetProperty("id").GetString()}");
        Assert.Equal(["GET", "GET", "POST"], page.Items().Select(e => e.GetProperty("method").GetString()!).Order());
    }

    [Fact]
    public async Task NameQueryParameter_NamesTheSession()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();

        var response = await client.PostRawAsync(
            await File.ReadAllBytesAsync(Corpus.PathOf("arkime/http-simple-get.pcap")),
            "application/octet-stream",
            "/api/imports?name=checkout%20bug");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("checkout bug", (await response.JsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task PcapNgFile_IsImported()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();

        var session = await client.ImportAsync(Corpus.PathOf("zeek/traces/http/cooper-grill-dvwa.pcapng"));

        Assert.Equal("pcapng", session.GetProperty("captureFormat").GetString());
        Assert.True(session.GetProperty("exchanges").GetInt64() > 0);
        Assert.Single(factory.CaptureFiles(), f => f.EndsWith(".pcapng", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EmptyBody_Answers400AndStoresNothing()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();

        var response = await client.PostRawAsync([]);

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("empty", detail, StringComparison.Ordinal);
        Assert.Empty((await client.GetJsonAsync("/api/sessions")).Items());
        Assert.Empty(factory.CaptureFiles());
    }

    [Fact]
    public async Task TextFile_Answers422NamingWhatWasExpectedAndWhatCame()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();

        var response = await client.PostRawAsync(Encoding.ASCII.GetBytes("Hello, this is not a capture\n"), "application/octet-stream");

        var detail = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("48656C6C", detail, StringComparison.Ordinal);
        Assert.Contains("pcap", detail, StringComparison.Ordinal);
        Assert.Empty((await client.GetJsonAsync("/api/sessions")).Items());
        Assert.Empty(factory.CaptureFiles());
    }

    [Fact]
    public async Task GzipCompressedCapture_Answers422AskingToDecompress()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();

        var response = await client.PostFileAsync(Corpus.PathOf("wireshark-wiki/http_with_jpegs.cap.gz"));

        var detail = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("gzip", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentImports_AllCompleteWithTheirOwnCounts()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        string[] files = ["zeek/traces/http/bro.org.pcap", "arkime/http-post-upload.pcap", "arkime/http-simple-get.pcap", "zeek/traces/http/pipelined-requests.pcap"];

        var sessions = await Task.WhenAll(files.Select(f => client.ImportAsync(Corpus.PathOf(f))));

        Assert.All(sessions, s => Assert.Equal("completed", s.GetProperty("status").GetString()));
        Assert.Equal([31L, 3, 1], sessions.Take(3).Select(s => s.GetProperty("exchanges").GetInt64()));
        foreach (var session in sessions)
        {
            var page = await client.GetJsonAsync($"/api/exchanges?session={session.GetProperty("id").GetString()}&limit=1000");
            Assert.Equal(session.GetProperty("exchanges").GetInt64(), page.Items().Count);
        }
    }

    [Fact]
    public async Task BodyShorterThanAMagicNumber_Answers422()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();

        var response = await client.PostRawAsync([0xA1, 0xB2]);

        var detail = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("2 byte", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PcapMagicWithABrokenHeader_Answers422AndLeavesNoSessionOrFile()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        // The magic number passes the sniff; the 24-byte global header is cut short, which libpcap refuses.
        byte[] body = [0xD4, 0xC3, 0xB2, 0xA1, 0x02, 0x00, 0x04, 0x00, 0x00, 0x00];

        var response = await client.PostRawAsync(body);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Empty((await client.GetJsonAsync("/api/sessions")).Items());
        Assert.Empty(factory.CaptureFiles());
    }

    [Fact]
    public async Task UnsupportedContentType_Answers415()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();

        var response = await client.PostRawAsync(await File.ReadAllBytesAsync(Corpus.PathOf("arkime/http-simple-get.pcap")), "text/plain");

        var detail = await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/vnd.tcpdump.pcap", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MultipartWithoutFileField_Answers400()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        using var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };

        var response = await client.PostAsync("/api/imports", form);

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'file'", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TruncatedCapture_EndsFailedWithWhereAndKeepsEarlierExchanges()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        var whole = await File.ReadAllBytesAsync(Corpus.PathOf("zeek/traces/http/bro.org.pcap"));
        var complete = await client.ImportAsync(Corpus.PathOf("zeek/traces/http/bro.org.pcap"));
        // Cut in the middle of a record, two thirds of the way in.
        var truncated = Path.Combine(factory.DataDirectory, "truncated.pcap");
        await File.WriteAllBytesAsync(truncated, whole[..(whole.Length * 2 / 3 + 7)]);

        var session = await client.ImportAsync(truncated);

        Assert.Equal("failed", session.GetProperty("status").GetString());
        var error = session.GetProperty("error").GetString();
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Contains("packet", error, StringComparison.Ordinal);
        var kept = session.GetProperty("exchanges").GetInt64();
        Assert.InRange(kept, 1, complete.GetProperty("exchanges").GetInt64());
        var page = await client.GetJsonAsync($"/api/exchanges?session={session.GetProperty("id").GetString()}&limit=1000");
        Assert.Equal(kept, page.Items().Count);
    }

    [Fact]
    public async Task UploadOverTheLimit_Answers413AndStoresNothing()
    {
        using var factory = new SnoopApiFactory(("Snoop:MaxImportBytes", "1000"));
        using var client = factory.CreateClient();
        var body = await File.ReadAllBytesAsync(Corpus.PathOf("arkime/http-post-upload.pcap"));
        Assert.True(body.Length > 1000 + 64 * 1024 || body.Length > 1000);

        // Without a Content-Length the limit is enforced while streaming.
        var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue(ApiClient.PcapMediaType);
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await client.SendAsync(request);

        var detail = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("MaxImportBytes", detail, StringComparison.Ordinal);
        Assert.Empty((await client.GetJsonAsync("/api/sessions")).Items());
        Assert.Empty(factory.CaptureFiles());
    }

    [Fact]
    public async Task ContentLengthOverTheLimit_Answers413BeforeReading()
    {
        using var factory = new SnoopApiFactory(("Snoop:MaxImportBytes", "10"));
        using var client = factory.CreateClient();

        var response = await client.PostRawAsync(new byte[200_000]);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task AnalysisLongerThanTheWait_Answers202ThenCompletes()
    {
        using var factory = new SnoopApiFactory(("Snoop:ImportWaitSeconds", "0"));
        using var client = factory.CreateClient();

        var response = await client.PostFileAsync(Corpus.PathOf("arkime/http-post-upload.pcap"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var session = await response.JsonAsync();
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal($"/api/sessions/{session.GetProperty("id").GetString()}", location);
        var status = session.GetProperty("status").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (status == "analyzing" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            status = (await client.GetJsonAsync(location)).GetProperty("status").GetString();
        }

        Assert.Equal("completed", status);
        Assert.Equal(3, (await client.GetJsonAsync(location)).GetProperty("exchanges").GetInt64());
    }

    [Fact]
    public async Task LargeUpload_IsWrittenToDiskWhileStillArriving()
    {
        using var factory = new SnoopApiFactory();
        // No redirect handler: it would buffer the request body to be able to send it again.
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var capture = await File.ReadAllBytesAsync(Corpus.PathOf("arkime/http-simple-get.pcap"));
        var content = new GatedCaptureContent(capture, factory.CapturesDirectory);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = content };

        var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(content.SawPartialFile, "the capture file did not grow before the upload ended: the body was buffered");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = JsonDocument.Parse(body).RootElement;
        Assert.Equal(content.TotalBytes, new FileInfo(Path.Combine(factory.CapturesDirectory, $"{session.GetProperty("id").GetString()}.pcap")).Length);
    }

    [Fact]
    public async Task SessionsLeftAnalyzing_AreInterruptedAtStartUp()
    {
        using var factory = new SnoopApiFactory();
        using (var first = factory.CreateClient())
        {
            await first.GetAsync("/health");
        }

        var seeded = new SnoopRecorder.Storage.Sessions.SessionRepository(
            new SnoopRecorder.Storage.Database.SnoopDatabase(Path.Combine(factory.DataDirectory, "snoop.db")));
        seeded.Insert(new SnoopRecorder.Storage.Sessions.SessionRecord
        {
            Id = "leftover0000",
            Kind = SnoopRecorder.Storage.Sessions.SessionKind.Import,
            Status = SnoopRecorder.Storage.Sessions.SessionStatus.Analyzing,
            CreatedAtMs = 1,
        });

        // A second service on the same data directory is a restart.
        using var restarted = SnoopApiFactory.On(factory.DataDirectory);
        using var client = restarted.CreateClient();
        var session = await client.GetJsonAsync("/api/sessions/leftover0000");

        Assert.Equal("interrupted", session.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(session.GetProperty("error").GetString()));
    }
}
