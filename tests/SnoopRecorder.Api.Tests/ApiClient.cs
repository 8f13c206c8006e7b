using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SnoopRecorder.Api.Tests;

/// <summary>Small helpers over HttpClient for the API's JSON and problem responses.</summary>
public static class ApiClient
{
    public const string PcapMediaType = "application/vnd.tcpdump.pcap";

    public static async Task<HttpResponseMessage> PostRawAsync(this HttpClient client, byte[] body, string mediaType = PcapMediaType, string url = "/api/imports")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await client.PostAsync(url, content);
    }

    public static async Task<HttpResponseMessage> PostFileAsync(this HttpClient client, string path) =>
        await client.PostRawAsync(await File.ReadAllBytesAsync(path));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 problem with this status and returns its detail.</summary>
    public static async Task<string> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        var detail = problem.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail));
        return detail!;
    }

    public static async Task<JsonElement> ImportAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await client.PostFileAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"import of {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static List<JsonElement> Items(this JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];
}
