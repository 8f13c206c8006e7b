using System.Text.Json;

namespace SnoopRecorder.Api.Tests.Redaction;

/// <summary>Header values out of the API's exchange JSON and HAR entries.</summary>
internal static class ExchangeHeaders
{
    /// <summary>The values of every field named <paramref name="name"/> (case-insensitive) in a name/value list.</summary>
    public static List<string> Values(this JsonElement list, string name) =>
        [.. list.EnumerateArray()
            .Where(h => string.Equals(h.GetProperty("name").GetString(), name, StringComparison.OrdinalIgnoreCase))
            .Select(h => h.GetProperty("value").GetString()!)];

    public static string Single(this JsonElement list, string name) => Assert.Single(list.Values(name));

    /// <summary>The one exchange of a session that has exactly one, in full.</summary>
    public static async Task<JsonElement> OnlyExchangeAsync(this HttpClient client, string sessionId)
    {
        var item = Assert.Single((await client.GetJsonAsync($"/api/exchanges?session={sessionId}")).Items());
        return await client.GetJsonAsync($"/api/exchanges/{item.GetProperty("id").GetInt64()}");
    }

    /// <summary>The session's HAR, checked to be valid HAR 1.2, with its one entry.</summary>
    public static async Task<(string Text, JsonElement Entry)> OnlyHarEntryAsync(this HttpClient client, string sessionId)
    {
        var response = await client.GetAsync($"/api/sessions/{sessionId}/har");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HAR of {sessionId}: {(int)response.StatusCode} {text}");
        var har = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Empty(HarValidator.Validate(har));
        return (text, Assert.Single(har.GetProperty("log").GetProperty("entries").EnumerateArray()));
    }

    public static async Task<string> TranscriptAsync(this HttpClient client, JsonElement exchange)
    {
        var response = await client.GetAsync($"/api/exchanges/{exchange.GetProperty("id").GetInt64()}/transcript");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"transcript: {(int)response.StatusCode} {text}");
        return text;
    }
}
