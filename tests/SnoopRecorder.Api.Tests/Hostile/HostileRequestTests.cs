using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace SnoopRecorder.Api.Tests.Hostile;

/// <summary>
/// Every route and every filter fed what an attacker or a careless script sends: path traversal in every identifier,
/// SQL metacharacters in every query parameter, malformed and oversize bodies. Each gets a 4xx (or a 200 that matches
/// nothing), never a 5xx, and nothing is written.
/// </summary>
public sealed partial class HostileRequestTests
{
    private static readonly string[] HostileValues =
    [
        "../../../../etc/passwd",
        "..%2F..%2F..%2Fsnoop.db",
        "%2e%2e%2f%2e%2e%2fcaptures",
        "x%00.pcap",
        "' OR '1'='1",
        "1; DROP TABLE exchanges; --",
        "\" OR 1=1 --",
        "%25%27%22%5C",
        "*",
        "-1",
        "99999999999999999999999",
        "\u00e9\u4e2d\U0001F600",
    ];

    [Fact]
    public async Task HostileIdentifiersInEveryRoute_Are4xx_AndWriteNothing()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        await client.ImportAsync(Corpus.PathOf("arkime/http-simple-get.pcap"));
        var before = Snapshot(factory);
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count > 0 && e.RoutePattern.RawText!.TrimStart('/').StartsWith("api", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Route: e.RoutePattern.RawText!)))
            .ToList();
        Assert.NotEmpty(routes);

        var failures = new List<string>();
        foreach (var (method, route) in routes)
        {
            // A NUL in a path is refused by the in-memory test client before the server sees it (Kestrel answers 400).
            foreach (var value in HostileValues.Where(v => !v.Contains("%00", StringComparison.Ordinal)))
            {
                var path = RouteParameter().Replace(route, Uri.EscapeDataString(value).Replace("%25", "%", StringComparison.Ordinal));
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                var response = await client.SendAsync(request);
                if ((int)response.StatusCode is < 400 or >= 500)
                {
                    failures.Add($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.Equal(before, Snapshot(factory));
    }

    [Theory]
    [InlineData("/api/exchanges")]
    [InlineData("/api/exchanges/har")]
    [InlineData("/api/exchanges/pcap")]
    public async Task SqlMetacharactersInEveryFilter_AreRefusedOrMatchNothing_NeverA5xx(string url)
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        var session = (await client.ImportAsync(Corpus.PathOf("arkime/http-simple-get.pcap"))).GetProperty("id").GetString();
        var before = Snapshot(factory);
        string[] filters = ["session", "host", "path", "uri", "method", "status", "from", "to", "minDurationMs", "client", "server", "complete", "order", "limit", "cursor", "mode"];

        var failures = new List<string>();
        foreach (var filter in filters)
        {
            foreach (var value in HostileValues)
            {
                var response = await client.GetAsync($"{url}?session={session}&{filter}={Uri.EscapeDataString(value)}");
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                // A value a filter cannot take is a 400 naming it. One it takes is compared as text, never spliced into
                // SQL: a quote or a semicolon in a text filter matches nothing of this capture.
                var injected = value.IndexOfAny(['\'', '"', ';']) >= 0 && filter is "host" or "path" or "uri" or "method"
                    && status == 200 && url == "/api/exchanges" && body.Contains("\"id\":", StringComparison.Ordinal);
                if (status >= 500 || injected)
                {
                    failures.Add($"{filter}={value}: {status} {body[..Math.Min(body.Length, 300)]}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.Equal(before, Snapshot(factory));
    }

    [Theory]
    [InlineData("{\"netns\": ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"netns\": \"../../../proc/1/ns/net\"}")]
    [InlineData("{\"netns\": \"/run/netns/../../proc/1/ns/net\"}")]
    [InlineData("{\"pid\": \"1; rm -rf /\"}")]
    [InlineData("{\"host\": true, \"filter\": \"tcp port 80' OR 1=1\"}")]
    [InlineData("{\"host\": true, \"snapLength\": -1}")]
    [InlineData("{\"host\": true, \"unexpected\": 1}")]
    public async Task MalformedOrHostileRecordingRequests_Are4xx_AndStartNothing(string json)
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        var before = Snapshot(factory);

        var response = await client.PostAsync("/api/sessions", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(before, Snapshot(factory));
    }

    [Fact]
    public async Task OversizeJsonBody_IsRefusedWithoutA5xx()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        var before = Snapshot(factory);
        var huge = "{\"host\": true, \"name\": \"" + new string('a', 40 << 20) + "\"}";

        var response = await client.PostAsync("/api/sessions", new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(before, Snapshot(factory));
    }

    /// <summary>What a hostile request must not change: the rows of every table and the files of the data directory.</summary>
    private static string Snapshot(SnoopApiFactory factory)
    {
        var text = new StringBuilder();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "snoop.db")};Mode=ReadOnly"))
        {
            connection.Open();
            foreach (var table in new[] { "sessions", "exchanges", "connections" })
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT count(*) FROM {table}";
                text.Append(table).Append('=').Append(command.ExecuteScalar()).Append(';');
            }
        }

        foreach (var file in Directory.GetFiles(factory.DataDirectory, "*", SearchOption.AllDirectories)
                     .Where(f => !Path.GetFileName(f).StartsWith("snoop.db", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            text.Append(Path.GetRelativePath(factory.DataDirectory, file)).Append(':').Append(new FileInfo(file).Length).Append(';');
        }

        return text.ToString();
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex RouteParameter();
}
