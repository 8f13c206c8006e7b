using System.Globalization;
using SnoopRecorder.Http.Model;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Benchmarks.Queries;

internal sealed partial class SyntheticExchangeGenerator
{
    private ExchangeWrite Exchange(
        SyntheticSession session, int sessionNumber, int client, SyntheticHost host, SyntheticConnection connection,
        long startedNs, long firstPacket, long lastPacket)
    {
        var (method, uri) = Request(host);
        var question = uri.IndexOf('?');
        var path = question < 0 ? uri : uri[..question];
        var query = question < 0 ? null : uri[(question + 1)..];
        var (status, durationMs) = Outcome(host, method, startedNs);
        var issues = ExchangeIssues.None;
        if (status is null)
        {
            issues = ExchangeIssues.NoResponse;
        }
        else if (_random.NextDouble() < 0.004)
        {
            issues = ExchangeIssues.ResponseGap;
        }

        HostAuthority.TrySplit(host.Header, out var hostName, out var hostPort);
        var hasBody = method is "POST" or "PUT" or "PATCH";
        var responseSize = status is null or 204 or 304 || method == "HEAD" ? 0 : 200 + _random.Next(host.Kind == SyntheticHostKind.Storage ? 500_000 : 8_000);
        var record = new ExchangeRecord
        {
            SessionId = session.Id,
            ConnectionId = connection.Id,
            ClientIp = ClientIp(sessionNumber, client),
            ClientPort = connection.ClientPort,
            ServerIp = host.ServerIp,
            ServerPort = host.ServerPort,
            StartedNs = startedNs,
            EndedNs = startedNs + (long)(durationMs * 1_000_000),
            FirstPacketIndex = firstPacket,
            LastPacketIndex = lastPacket,
            Method = method,
            Uri = uri,
            Path = path,
            Query = query,
            Host = host.Header,
            HostName = hostName,
            HostPort = hostPort ?? host.ServerPort,
            HttpVersion = "HTTP/1.1",
            Status = status,
            Reason = status is null ? null : Reason(status.Value),
            RequestBodySize = hasBody ? 100 + _random.Next(4_000) : 0,
            ResponseBodySize = responseSize,
            Issues = (long)issues,
            Complete = (issues & ExchangeIssues.IncompleteMask) == 0,
        };
        return new ExchangeWrite(record, Headers(host, method, hasBody, record), ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty);
    }

    private static string ClientIp(int sessionNumber, int client) => sessionNumber == 6
        ? string.Create(CultureInfo.InvariantCulture, $"fd00:{sessionNumber}::{client + 1:x}")
        : string.Create(CultureInfo.InvariantCulture, $"10.{sessionNumber + 1}.{client / 200}.{(client % 200) + 10}");

    private (string Method, string Uri) Request(SyntheticHost host)
    {
        var roll = _random.NextDouble() * 100;
        var id = _random.Next(1, 50_000);
        return host.Kind switch
        {
            SyntheticHostKind.Api => roll switch
            {
                < 20 => ("GET", $"/api/v1/orders/{id}"),
                < 30 => ("GET", $"/api/v1/orders?page={_random.Next(1, 40)}&limit=50"),
                < 36 => ("POST", "/api/v1/orders"),
                < 48 => ("GET", $"/api/v1/users/{id % 8_000}"),
                < 50 => ("PUT", $"/api/v1/users/{id % 8_000}"),
                < 51 => ("PATCH", $"/api/v1/users/{id % 8_000}/preferences"),
                < 51.8 => ("DELETE", $"/api/v1/orders/{id}"),
                < 66 => ("GET", $"/api/v1/products/{id % 12_000}"),
                < 74 => ("GET", $"/api/v1/search?q={Words[_random.Next(Words.Length)]}&page={_random.Next(1, 6)}"),
                < 79 => ("GET", $"/api/v2/catalog/items?category={_random.Next(1, 60)}"),
                < 82 => ("POST", "/api/v1/auth/token"),
                < 82.5 => ("OPTIONS", "/api/v1/orders"),
                _ => ("GET", "/health"),
            },
            SyntheticHostKind.Static => roll switch
            {
                < 25 => ("GET", $"/static/js/app.{id % 40:x8}.js"),
                < 40 => ("GET", $"/static/css/site.{id % 20:x8}.css"),
                < 98 => ("GET", $"/images/products/{id % 12_000}.jpg"),
                < 99.5 => ("HEAD", $"/images/products/{id % 12_000}.jpg"),
                _ => ("GET", "/favicon.ico"),
            },
            SyntheticHostKind.Storage => roll switch
            {
                < 80 => ("GET", $"/objects/{id:x6}"),
                < 92 => ("PUT", $"/objects/{id:x6}"),
                < 99 => ("HEAD", $"/objects/{id:x6}"),
                _ => ("DELETE", $"/objects/{id:x6}"),
            },
            _ => roll switch
            {
                < 10 => ("GET", "/metrics"),
                < 20 => ("GET", "/healthz"),
                < 55 => ("POST", "/v1/events"),
                < 80 => ("GET", $"/v1/config/key-{id % 300}"),
                _ => ("POST", "/rpc/Inventory.Reserve"),
            },
        };
    }

    private (int? Status, double DurationMs) Outcome(SyntheticHost host, string method, long startedNs)
    {
        var duration = Math.Min(60_000, LogNormal(host.Kind switch
        {
            SyntheticHostKind.Static => 4,
            SyntheticHostKind.Storage => 40,
            SyntheticHostKind.Internal => 8,
            _ => 25,
        } * (method == "GET" ? 1 : 2)));
        foreach (var incident in _incidents)
        {
            if (incident.Host == host.Header && startedNs >= incident.FromNs && startedNs < incident.ToNs
                && _random.NextDouble() < incident.Share)
            {
                return (incident.Status, incident.DurationMs * (0.8 + (0.4 * _random.NextDouble())));
            }
        }

        var roll = _random.NextDouble() * 100;
        int? status = roll switch
        {
            < 0.3 => null,
            < 0.45 => 500,
            < 0.5 => 502,
            < 0.6 => 503,
            < 0.65 => 504,
            < 3.0 when method == "GET" => 404,
            < 3.8 when method is "POST" or "PUT" or "PATCH" => 400,
            < 4.3 when host.Kind == SyntheticHostKind.Api => 401,
            < 4.5 => 403,
            < 4.6 => 429,
            < 34 when host.Kind == SyntheticHostKind.Static => 304,
            _ => method switch
            {
                "POST" => host.Kind == SyntheticHostKind.Api ? 201 : 200,
                "DELETE" or "OPTIONS" => 204,
                "PUT" when host.Kind == SyntheticHostKind.Api => 204,
                _ => 200,
            },
        };
        return (status, status is null ? 0.05 : duration);
    }

    private double LogNormal(double medianMs)
    {
        // Box-Muller: a standard normal draw, then exp(mu + sigma * z) with sigma 1.
        var z = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        return medianMs * Math.Exp(z);
    }

    private ExchangeHeaders Headers(SyntheticHost host, string method, bool hasBody, ExchangeRecord record)
    {
        var request = new List<HeaderRecord>
        {
            new("Host", host.Header),
            new("User-Agent", Agents[_random.Next(Agents.Length)]),
            new("Accept", host.Kind == SyntheticHostKind.Static ? "*/*" : "application/json"),
            new("Accept-Encoding", "gzip"),
            new("X-Request-Id", RequestId()),
        };
        if (hasBody)
        {
            request.Add(new("Content-Type", "application/json"));
            request.Add(new("Content-Length", record.RequestBodySize.ToString(CultureInfo.InvariantCulture)));
        }

        if (record.Status is null)
        {
            return new ExchangeHeaders { RequestHeaders = request };
        }

        var response = new List<HeaderRecord>
        {
            new("Server", host.Kind == SyntheticHostKind.Internal ? "envoy" : "nginx/1.27.3"),
            new("Date", DateTimeOffset.FromUnixTimeMilliseconds(record.StartedNs / 1_000_000).ToString("R", CultureInfo.InvariantCulture)),
            new("Content-Type", method == "GET" && host.Kind == SyntheticHostKind.Static ? "image/jpeg" : "application/json"),
            new("Content-Length", record.ResponseBodySize.ToString(CultureInfo.InvariantCulture)),
        };
        return new ExchangeHeaders { RequestHeaders = request, ResponseHeaders = response };
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Gateway Timeout",
    };
}
