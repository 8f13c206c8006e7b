using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SnoopRecorder.Api.Tests.Adversarial;

/// <summary>
/// Imports a capture of any size without holding it in memory (the file streamed as the request body) and waits for its
/// analysis to end, through <c>202</c> and the session's status when it takes longer than the import's own wait.
/// </summary>
internal static class StreamedImport
{
    public static async Task<(JsonElement Session, TimeSpan Elapsed)> RunAsync(HttpClient client, string path, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var file = File.OpenRead(path);
        using var content = new StreamContent(file, 1 << 20);
        content.Headers.ContentType = new MediaTypeHeaderValue(ApiClient.PcapMediaType);
        using var response = await client.PostAsync("/api/imports", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted, $"import of {path}: {(int)response.StatusCode} {body}");
        var session = JsonDocument.Parse(body).RootElement.Clone();
        var location = $"/api/sessions/{session.GetProperty("id").GetString()}";
        while (session.GetProperty("status").GetString() == "analyzing")
        {
            Assert.True(stopwatch.Elapsed < timeout, $"the import of {path} was still analysing after {timeout}");
            await Task.Delay(200);
            session = await client.GetJsonAsync(location);
        }

        return (session, stopwatch.Elapsed);
    }
}
