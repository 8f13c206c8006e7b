using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SnoopRecorder.Api.Tests.Recording;

/// <summary>Starting, watching and stopping live sessions through the API.</summary>
internal static class LiveSessions
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static async Task<JsonElement> StartAsync(this HttpClient api, object request)
    {
        var response = await api.PostAsJsonAsync("/api/sessions", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/sessions: {(int)response.StatusCode} {body}");
        var session = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal($"/api/sessions/{session.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        return session;
    }

    public static async Task<JsonElement> StopAsync(this HttpClient api, string id)
    {
        var response = await api.PostAsync($"/api/sessions/{id}/stop", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"stop: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Polls the session's exchanges until there are at least <paramref name="count"/>, in request order.</summary>
    public static async Task<List<JsonElement>> WaitForExchangesAsync(this HttpClient api, string id, int count, string filters = "")
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var items = (await api.GetJsonAsync($"/api/exchanges?session={id}{filters}&limit=1000")).Items();
            if (items.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.True(items.Count >= count, $"session {id}: {items.Count} exchanges after {Patience.TotalSeconds} s, expected {count}");
                return items;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Polls the session until its status is <paramref name="status"/>.</summary>
    public static async Task<JsonElement> WaitForStatusAsync(this HttpClient api, string id, string status)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var session = await api.GetJsonAsync($"/api/sessions/{id}");
            if (session.GetProperty("status").GetString() == status)
            {
                return session;
            }

            Assert.True(DateTime.UtcNow < deadline, $"session {id} is still {session.GetProperty("status")} after {Patience.TotalSeconds} s, expected {status}: {session}");
            await Task.Delay(50);
        }
    }

    public static async Task<string> DownloadCaptureAsync(this HttpClient api, string id)
    {
        var response = await api.GetAsync($"/api/sessions/{id}/pcap");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.tcpdump.pcap", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"{id}.pcap", response.Content.Headers.ContentDisposition?.ToString());
        var path = Path.Combine(Path.GetTempPath(), $"snoop-download-{Guid.NewGuid():N}.pcap");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    /// <summary>
    /// Downloads the session's capture and checks what tshark finds in it: the request URIs in order and, when given,
    /// the pcap link type (1 Ethernet, 276 Linux cooked v2).
    /// </summary>
    public static async Task AssertCaptureAsync(this HttpClient api, string id, int? linkType, string[] requestUris)
    {
        var capture = await api.DownloadCaptureAsync(id);
        try
        {
            if (linkType is { } expected)
            {
                Assert.Equal(expected, (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(File.ReadAllBytes(capture).AsSpan(20, 4)));
            }

            Assert.Equal(requestUris, Tools.TsharkRequestUris(capture));
        }
        finally
        {
            File.Delete(capture);
        }
    }

    public static string Id(this JsonElement session) => session.GetProperty("id").GetString()!;
}
