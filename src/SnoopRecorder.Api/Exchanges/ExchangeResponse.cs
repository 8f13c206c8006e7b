using System.Text.Json.Serialization;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Exchanges;

/// <summary>
/// An exchange as the API shows it. Times are packet times (ISO 8601, UTC). Headers, trailers and interim statuses
/// appear in the single-exchange view only.
/// </summary>
public sealed record ExchangeResponse
{
    private const double NanosecondsPerMillisecond = 1_000_000.0;
    private const long NanosecondsPerTick = 100;

    public required long Id { get; init; }
    public required string SessionId { get; init; }
    public required long ConnectionId { get; init; }
    public string? Method { get; init; }
    public string? Uri { get; init; }
    public string? Path { get; init; }
    public string? Query { get; init; }
    public string? Host { get; init; }
    public string? HttpVersion { get; init; }
    public int? Status { get; init; }
    public string? Reason { get; init; }
    public required DateTime StartedAt { get; init; }
    public required DateTime EndedAt { get; init; }
    public required double DurationMs { get; init; }
    public required EndpointResponse Client { get; init; }
    public required EndpointResponse Server { get; init; }
    public long RequestBodySize { get; init; }
    public long ResponseBodySize { get; init; }
    public bool RequestBodyTruncated { get; init; }
    public bool ResponseBodyTruncated { get; init; }
    public bool Complete { get; init; }
    public required IReadOnlyList<string> Issues { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HeaderResponse>? RequestHeaders { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HeaderResponse>? ResponseHeaders { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HeaderResponse>? RequestTrailers { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HeaderResponse>? ResponseTrailers { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? InterimStatuses { get; init; }

    public static ExchangeResponse Summary(ExchangeRecord e) => new()
    {
        Id = e.Id,
        SessionId = e.SessionId,
        ConnectionId = e.ConnectionId,
        Method = e.Method,
        Uri = e.Uri,
        Path = e.Path,
        Query = e.Query,
        Host = e.Host,
        HttpVersion = e.HttpVersion,
        Status = e.Status,
        Reason = e.Reason,
        StartedAt = FromUnixNs(e.StartedNs),
        EndedAt = FromUnixNs(e.EndedNs),
        DurationMs = Math.Max(0, e.EndedNs - e.StartedNs) / NanosecondsPerMillisecond,
        Client = new EndpointResponse(e.ClientIp, e.ClientPort),
        Server = new EndpointResponse(e.ServerIp, e.ServerPort),
        RequestBodySize = e.RequestBodySize,
        ResponseBodySize = e.ResponseBodySize,
        RequestBodyTruncated = e.RequestBodyTruncated,
        ResponseBodyTruncated = e.ResponseBodyTruncated,
        Complete = e.Complete,
        Issues = ExchangeIssueNames.Of(e.Issues),
    };

    public static ExchangeResponse Detail(ExchangeDetail detail) => Summary(detail.Exchange) with
    {
        RequestHeaders = Headers(detail.Headers.RequestHeaders),
        ResponseHeaders = Headers(detail.Headers.ResponseHeaders),
        RequestTrailers = Headers(detail.Headers.RequestTrailers),
        ResponseTrailers = Headers(detail.Headers.ResponseTrailers),
        InterimStatuses = detail.Headers.InterimStatuses,
    };

    private static DateTime FromUnixNs(long ns) => DateTime.UnixEpoch.AddTicks(ns / NanosecondsPerTick);

    private static IReadOnlyList<HeaderResponse> Headers(IReadOnlyList<HeaderRecord> headers) =>
        [.. headers.Select(h => new HeaderResponse(h.Name, h.Value))];
}
