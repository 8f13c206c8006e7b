using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Sessions.Stats;

/// <summary>
/// The exchanges of one (host, method, path): <c>host</c> is the Host header as sent (as an exchange's <c>host</c>);
/// each is null when the exchange had none.
/// </summary>
public sealed record StatsGroupResponse(
    string? Host,
    string? Method,
    string? Path,
    long Count,
    StatusCountsResponse Statuses,
    LatencyResponse LatencyMs)
{
    public static StatsGroupResponse From(ExchangeGroupStats group) => new(
        group.Key.Host,
        group.Key.Method,
        group.Key.Path,
        group.Counts.Count,
        StatusCountsResponse.From(group.Counts),
        LatencyResponse.From(group.Durations));
}
