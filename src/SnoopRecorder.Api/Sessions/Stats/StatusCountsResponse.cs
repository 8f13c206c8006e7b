using System.Text.Json.Serialization;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Sessions.Stats;

/// <summary>
/// Exchanges per status class: <c>1xx</c> to <c>5xx</c>; <c>other</c>, a status outside 100-599 (0 for an HTTP/0.9
/// response, which has no status line); <c>none</c>, no response. They add up to the count.
/// </summary>
public sealed record StatusCountsResponse(
    [property: JsonPropertyName("1xx")] long Informational,
    [property: JsonPropertyName("2xx")] long Success,
    [property: JsonPropertyName("3xx")] long Redirection,
    [property: JsonPropertyName("4xx")] long ClientError,
    [property: JsonPropertyName("5xx")] long ServerError,
    [property: JsonPropertyName("other")] long Other,
    [property: JsonPropertyName("none")] long None)
{
    public static StatusCountsResponse From(ExchangeCounts counts) => new(
        counts.Informational,
        counts.Success,
        counts.Redirection,
        counts.ClientError,
        counts.ServerError,
        counts.OtherStatus,
        counts.NoResponse);
}
