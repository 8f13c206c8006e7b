using SnoopRecorder.Capture.Files;
using SnoopRecorder.Http.Model;
using SnoopRecorder.Storage.Exchanges;
using SnoopRecorder.Analysis;
using SnoopRecorder.Api.Redaction;

namespace SnoopRecorder.Api.Imports;

/// <summary>
/// Converts an exchange found by the analysis into the rows storage keeps. This is where secret header values are
/// redacted: once, before storage, so that every output (exchange JSON, transcript, HAR, the stream) shows the
/// redacted value and the original is never written. Bodies, the request-target and the capture file are not changed.
/// </summary>
internal static class ExchangeRecordMapper
{
    private const string HostHeader = "Host";

    /// <param name="analyzed">The exchange and its connection.</param>
    /// <param name="sessionId">The session it belongs to.</param>
    /// <param name="redactor">Redacts secret header and trailer values; null stores them as captured (a session created
    /// with redact=false).</param>
    public static ExchangeWrite Map(AnalyzedExchange analyzed, string sessionId, HeaderRedactor? redactor = null)
    {
        var exchange = analyzed.Exchange;
        var request = exchange.Request;
        var response = exchange.Response;
        var target = RequestTarget.Parse(request?.Target);
        var host = HostOf(request, target);
        string? hostName = null;
        int? hostPort = null;
        if (host is not null)
        {
            HostAuthority.TrySplit(host, out var name, out var port);
            hostName = name;
            hostPort = port ?? analyzed.Server.Port;
        }

        var record = new ExchangeRecord
        {
            SessionId = sessionId,
            ConnectionId = analyzed.Connection.Id,
            ClientIp = analyzed.Client.Ip,
            ClientPort = analyzed.Client.Port,
            ServerIp = analyzed.Server.Ip,
            ServerPort = analyzed.Server.Port,
            StartedNs = exchange.StartedAtNs,
            EndedNs = exchange.EndedAtNs,
            FirstPacketIndex = exchange.FirstPacketIndex,
            LastPacketIndex = exchange.LastPacketIndex,
            Method = request?.Method,
            Uri = request?.Target,
            Path = target.Path,
            Query = target.Query,
            Host = host,
            HostName = hostName,
            HostPort = hostPort,
            HttpVersion = request?.Version ?? response?.Version,
            Status = response?.StatusCode,
            Reason = response?.Reason,
            RequestBodySize = exchange.RequestBody.Size,
            ResponseBodySize = exchange.ResponseBody.Size,
            RequestBodyTruncated = exchange.RequestBody.Truncated,
            ResponseBodyTruncated = exchange.ResponseBody.Truncated,
            Issues = (long)exchange.Issues,
            Complete = exchange.IsComplete,
        };

        var headers = new ExchangeHeaders
        {
            RequestHeaders = Headers(request?.Headers, redactor),
            ResponseHeaders = Headers(response?.Headers, redactor),
            RequestTrailers = Headers(request?.Trailers, redactor),
            ResponseTrailers = Headers(response?.Trailers, redactor),
            InterimStatuses = [.. exchange.InterimResponses.Select(r => r.StatusCode)],
        };

        return new ExchangeWrite(record, headers, exchange.RequestBody.Data, exchange.ResponseBody.Data);
    }

    /// <summary>The Host header as sent; without one, the authority of an absolute- or authority-form target.</summary>
    private static string? HostOf(HttpRequestHead? request, RequestTarget target)
    {
        if (request is not null)
        {
            foreach (var header in request.Headers)
            {
                if (string.Equals(header.Name, HostHeader, StringComparison.OrdinalIgnoreCase) && header.Value.Length > 0)
                {
                    return header.Value;
                }
            }
        }

        return target.Authority;
    }

    private static HeaderRecord[] Headers(IReadOnlyList<HttpHeader>? headers, HeaderRedactor? redactor)
    {
        if (headers is null || headers.Count == 0)
        {
            return [];
        }

        var records = new HeaderRecord[headers.Count];
        for (var i = 0; i < records.Length; i++)
        {
            var (name, value) = headers[i];
            records[i] = new HeaderRecord(name, redactor is null ? value : redactor.Redact(name, value));
        }

        return records;
    }
}
