using System.Net;
using System.Text.Json;
using SnoopRecorder.Storage.Database;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Tests.Redaction;

/// <summary>
/// Sessions created with storePackets=false: the capture is analysed, then deleted whatever the outcome (also by the
/// next start when the service stopped first); its exchanges stay, and every pcap download is a 410 saying why.
/// </summary>
public sealed class StorePacketsTests : IDisposable
{
    private const string Capture = "arkime/http-basicauth.pcap";
    private readonly SnoopApiFactory _factory = new();
    private readonly HttpClient _client;

    public StorePacketsTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Import_StorePacketsFalse_KeepsTheExchangesAndLeavesNoCaptureFile()
    {
        var session = await ImportWithoutPacketsAsync(Capture);

        Assert.Equal("completed", session.GetProperty("status").GetString());
        Assert.False(session.GetProperty("packetsStored").GetBoolean());
        Assert.True(session.GetProperty("redacted").GetBoolean());
        Assert.Equal("pcap", session.GetProperty("captureFormat").GetString());
        Assert.Empty(_factory.CaptureFiles());
        var id = session.GetProperty("id").GetString()!;
        var exchange = await _client.OnlyExchangeAsync(id);
        Assert.Equal("Basic [redacted]", exchange.GetProperty("requestHeaders").Single("Authorization"));
        Assert.Contains("GET ", await _client.TranscriptAsync(exchange), StringComparison.Ordinal);
        await _client.OnlyHarEntryAsync(id);
        Assert.False((await _client.GetJsonAsync($"/api/sessions/{id}")).GetProperty("packetsStored").GetBoolean());
    }

    [Fact]
    public async Task PcapDownloads_OfASessionWithoutPackets_Are410SayingItWasCreatedWithStorePacketsFalse()
    {
        var id = (await ImportWithoutPacketsAsync(Capture)).GetProperty("id").GetString()!;
        var exchange = (await _client.OnlyExchangeAsync(id)).GetProperty("id").GetInt64();

        foreach (var url in new[]
        {
            $"/api/sessions/{id}/pcap",
            $"/api/sessions/{id}/pcap?mode=reassembled",
            $"/api/exchanges/{exchange}/pcap",
            $"/api/exchanges/{exchange}/pcap?mode=reassembled",
            $"/api/exchanges/pcap?session={id}",
            $"/api/exchanges/pcap?session={id}&mode=reassembled",
        })
        {
            var detail = await (await _client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Gone);
            Assert.StartsWith($"session '{id}' was created with storePackets=false", detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FilteredPcap_MatchingAlsoASessionWithoutPackets_Is410_AndTheOtherSessionAloneDownloads()
    {
        var kept = (await _client.ImportAsync(Corpus.PathOf(Capture))).GetProperty("id").GetString()!;
        var unkept = (await ImportWithoutPacketsAsync(Capture)).GetProperty("id").GetString()!;

        var detail = await (await _client.GetAsync("/api/exchanges/pcap")).AssertProblemAsync(HttpStatusCode.Gone);
        Assert.Contains($"'{unkept}'", detail, StringComparison.Ordinal);

        var response = await _client.GetAsync($"/api/exchanges/pcap?session={kept}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/sessions/{kept}/pcap")).StatusCode);
        Assert.Single(_factory.CaptureFiles());
    }

    [Fact]
    public async Task Import_StorePacketsFalse_OfAFileThatBreaksMidway_StillDeletesIt()
    {
        var whole = await File.ReadAllBytesAsync(Corpus.PathOf("zeek/traces/http/bro.org.pcap"));

        var response = await _client.PostRawAsync(whole[..(whole.Length / 2 + 3)], url: "/api/imports?storePackets=false");

        var session = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("failed", session.GetProperty("status").GetString());
        Assert.True(session.GetProperty("exchanges").GetInt64() > 0);
        Assert.Empty(_factory.CaptureFiles());
    }

    [Fact]
    public async Task Delete_OfASessionWithoutPackets_RemovesIt()
    {
        var id = (await ImportWithoutPacketsAsync(Capture)).GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/sessions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/sessions/{id}")).StatusCode);
    }

    [Fact]
    public async Task Restart_DeletesTheCaptureOfAnInterruptedSessionWithoutPackets_AndKeepsTheOthers()
    {
        var sessions = new SessionRepository(new SnoopDatabase(Path.Combine(_factory.DataDirectory, "snoop.db")));
        Insert(sessions, "unkept000000", packetsStored: false);
        Insert(sessions, "kept00000000", packetsStored: true);

        // A second service on the same data directory is a restart.
        using var restarted = SnoopApiFactory.On(_factory.DataDirectory);
        using var client = restarted.CreateClient();

        var unkept = await client.GetJsonAsync("/api/sessions/unkept000000");
        Assert.Equal("interrupted", unkept.GetProperty("status").GetString());
        Assert.False(unkept.GetProperty("packetsStored").GetBoolean());
        Assert.False(File.Exists(Path.Combine(_factory.CapturesDirectory, "unkept000000.pcap")));
        Assert.Null(sessions.Get("unkept000000")!.CaptureFile);
        Assert.True(File.Exists(Path.Combine(_factory.CapturesDirectory, "kept00000000.pcap")));
        Assert.Equal("interrupted", (await client.GetJsonAsync("/api/sessions/kept00000000")).GetProperty("status").GetString());
    }

    private void Insert(SessionRepository sessions, string id, bool packetsStored)
    {
        File.Copy(Corpus.PathOf(Capture), Path.Combine(_factory.CapturesDirectory, $"{id}.pcap"));
        sessions.Insert(new SessionRecord
        {
            Id = id,
            Kind = SessionKind.Import,
            Status = SessionStatus.Analyzing,
            CreatedAtMs = 1,
            CaptureFile = $"{id}.pcap",
            CaptureFormat = "pcap",
            Redacted = true,
            PacketsStored = packetsStored,
        });
    }

    private async Task<JsonElement> ImportWithoutPacketsAsync(string capture)
    {
        var response = await _client.PostRawAsync(await File.ReadAllBytesAsync(Corpus.PathOf(capture)), url: "/api/imports?storePackets=false");
        var session = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, session.ToString());
        return session;
    }
}
