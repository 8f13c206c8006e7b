using System.Net;
using System.Text;
using SnoopRecorder.TestSupport.Captures;

namespace SnoopRecorder.Api.Tests.Redaction;

/// <summary>
/// Redaction happens before storage: the bytes of the database files (<c>snoop.db</c> and its <c>-wal</c>) and of the
/// body files never hold a secret header value that was captured, though the capture file does. A session created
/// with redact=false shows that the same search finds the values when they are stored.
/// </summary>
public sealed class RedactionStorageTests : IDisposable
{
    private static readonly IPEndPoint Client = new(IPAddress.Parse("10.9.0.2"), 41_000);
    private static readonly IPEndPoint Server = new(IPAddress.Parse("10.9.0.1"), 80);

    private readonly string _token = "s3cr3t-" + Guid.NewGuid().ToString("N");
    private readonly string _proxyToken = "pr0xy-" + Guid.NewGuid().ToString("N");
    private readonly string _sessionCookie = "c00kie-" + Guid.NewGuid().ToString("N");
    private readonly string _apiKey = "k3y-" + Guid.NewGuid().ToString("N");
    private readonly string _setCookie = "s3t-" + Guid.NewGuid().ToString("N");
    private readonly string _capture = Path.Combine(Path.GetTempPath(), $"snoop-secrets-{Guid.NewGuid():N}.pcap");

    public RedactionStorageTests()
    {
        using var capture = new SyntheticCapture(_capture, new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        capture.Flow(Client, Server).Open()
            .ClientSends(Encoding.ASCII.GetBytes(
                "GET /account HTTP/1.1\r\nHost: shop.example\r\n"
                + $"Authorization: Bearer {_token}\r\nProxy-Authorization: Basic {_proxyToken}\r\n"
                + $"Cookie: session={_sessionCookie}; theme=dark\r\nX-Api-Key: {_apiKey}\r\n\r\n"))
            .ServerSends(Encoding.ASCII.GetBytes(
                $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nSet-Cookie: session={_setCookie}; Path=/; HttpOnly\r\n\r\nok"))
            .Close();
    }

    private string[] Secrets => [_token, _proxyToken, _sessionCookie, _apiKey, _setCookie];

    public void Dispose() => File.Delete(_capture);

    [Fact]
    public async Task Import_ByDefault_NoSecretHeaderValueIsInTheDatabaseOrBodyFiles_OnlyInTheCapture()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();

        var id = (await client.ImportAsync(_capture)).GetProperty("id").GetString()!;

        var headers = (await client.OnlyExchangeAsync(id)).GetProperty("requestHeaders");
        Assert.Equal("Bearer [redacted]", headers.Single("Authorization"));
        Assert.Equal("Basic [redacted]", headers.Single("Proxy-Authorization"));
        Assert.Equal("session=[redacted]; theme=[redacted]", headers.Single("Cookie"));
        Assert.Equal("[redacted]", headers.Single("X-Api-Key"));
        var stored = StoredBytes(factory.DataDirectory);
        Assert.Contains("snoop.db", stored.Keys);
        foreach (var secret in Secrets)
        {
            Assert.Contains(Path.Combine("captures", $"{id}.pcap"), FilesHolding(factory.DataDirectory, secret));
            foreach (var (file, bytes) in stored)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"{file} holds the captured value {secret}");
            }
        }
    }

    [Fact]
    public async Task Import_WithRedactFalse_TheSameSearchFindsTheValuesInTheDatabaseFiles()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();

        var response = await client.PostRawAsync(await File.ReadAllBytesAsync(_capture), url: "/api/imports?redact=false");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = StoredBytes(factory.DataDirectory);
        foreach (var secret in Secrets)
        {
            Assert.Contains(stored, s => s.Value.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0);
        }
    }

    /// <summary>
    /// What storage wrote, read as raw bytes while the service runs: <c>snoop.db</c>, <c>snoop.db-wal</c> when it exists
    /// (committed pages not yet checkpointed are only there) and every body file, keyed by path relative to the directory.
    /// </summary>
    private static Dictionary<string, byte[]> StoredBytes(string dataDirectory)
    {
        var files = new[] { "snoop.db", "snoop.db-wal" }.Select(name => Path.Combine(dataDirectory, name)).Where(File.Exists);
        var bodies = Path.Combine(dataDirectory, "bodies");
        if (Directory.Exists(bodies))
        {
            files = files.Concat(Directory.GetFiles(bodies));
        }

        return files.ToDictionary(path => Path.GetRelativePath(dataDirectory, path), ReadShared);
    }

    private static List<string> FilesHolding(string dataDirectory, string secret) =>
        [.. Directory.GetFiles(dataDirectory, "*", SearchOption.AllDirectories)
            .Where(path => ReadShared(path).AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0)
            .Select(path => Path.GetRelativePath(dataDirectory, path))];

    private static byte[] ReadShared(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }
}
