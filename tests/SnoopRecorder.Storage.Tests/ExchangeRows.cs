using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Storage.Tests;

/// <summary>Exchange rows for filter tests, every filtered column settable; the rest as <see cref="TempDatabase.Exchange"/> makes them.</summary>
public static class ExchangeRows
{
    /// <summary>ExchangeIssues.NoResponse of the HTTP layer, which this project does not reference.</summary>
    private const long NoResponseIssue = 1 << 4;

    public static ExchangeWrite Row(
        long startedNs,
        string? host = "example.com",
        string? uri = "/",
        int? status = 200,
        string method = "GET",
        long durationNs = 1_500_000,
        string clientIp = "10.0.0.1",
        int clientPort = 40000,
        string serverIp = "10.0.0.2",
        int serverPort = 80,
        bool? complete = null)
    {
        var write = TempDatabase.Exchange(startedNs, host, PathOf(uri), status, method, serverPort);
        var query = uri is not null && uri.StartsWith('/') && uri.Contains('?', StringComparison.Ordinal) ? uri[(uri.IndexOf('?', StringComparison.Ordinal) + 1)..] : null;
        return write with
        {
            Exchange = write.Exchange with
            {
                Uri = uri,
                Query = query,
                EndedNs = startedNs + durationNs,
                ClientIp = clientIp,
                ClientPort = clientPort,
                ServerIp = serverIp,
                Issues = status is null ? NoResponseIssue : 0,
                Complete = complete ?? status is not null,
            },
        };
    }

    /// <summary>The path the import stores for a request-target: an origin-form target up to its '?', "/a" for "http://h/a".</summary>
    public static string? PathOf(string? uri)
    {
        if (uri is null or "")
        {
            return null;
        }

        if (uri.StartsWith('/'))
        {
            var question = uri.IndexOf('?', StringComparison.Ordinal);
            return question < 0 ? uri : uri[..question];
        }

        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return uri == "*" ? "*" : null;
        }

        var rest = uri[(scheme + 3)..];
        var slash = rest.IndexOfAny(['/', '?']);
        var remainder = slash < 0 ? "/" : rest[slash..];
        var end = remainder.IndexOf('?', StringComparison.Ordinal);
        var path = end < 0 ? remainder : remainder[..end];
        return path.Length == 0 ? "/" : path;
    }
}
