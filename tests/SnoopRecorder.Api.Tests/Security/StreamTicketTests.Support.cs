using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SnoopRecorder.Api.Tests.Security;

public sealed partial class StreamTicketTests
{
    private const string TicketsUrl = "/api/exchanges/stream/tickets";

    /// <summary>What a missing or wrong API key gets; an unusable ticket must get the same.</summary>
    private const string WrongKeyDetail = "Send the service's API key as 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'.";

    private const string OpeningComment = ": exchanges stored after id ";

    /// <summary>One exchange: HEAD, answered 500.</summary>
    private const string Head500 = "arkime/http-500-head.pcap";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A client without the API key, as a browser's EventSource is.</summary>
    private static HttpClient Browser(WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    private static async Task<string> CreateTicketAsync(HttpClient keyed)
    {
        using var response = await keyed.PostAsync(TicketsUrl, null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {TicketsUrl}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("ticket").GetString()!;
    }

    /// <summary>GETs the stream and reads nothing beyond the headers.</summary>
    private static Task<HttpResponseMessage> GetStreamAsync(HttpClient client, string query) =>
        client.GetAsync($"/api/exchanges/stream?{query}", HttpCompletionOption.ResponseHeadersRead);

    /// <summary>Asserts the stream opened: 200, its media type and its opening comment.</summary>
    private static async Task<StreamReader> AssertOpenedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.StartsWith(OpeningComment, await ReadLineAsync(reader), StringComparison.Ordinal);
        return reader;
    }

    /// <summary>Asserts the 401 of a wrong API key, word for word: nothing says whether a ticket was unknown, used or expired.</summary>
    private static async Task AssertRefusedAsAWrongKeyAsync(HttpResponseMessage response)
    {
        Assert.Equal(WrongKeyDetail, await response.AssertProblemAsync(HttpStatusCode.Unauthorized));
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    /// <summary>The data of the next event, parsed; comments and other fields are skipped.</summary>
    private static async Task<JsonElement> ReadEventDataAsync(StreamReader reader)
    {
        while (await ReadLineAsync(reader) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }

        throw new InvalidOperationException("the stream ended");
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await reader.ReadLineAsync(timeout.Token);
    }
}
