using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Sessions.Stats;

/// <summary>Every exchange of the session: count, per status class, and latency percentiles in milliseconds.</summary>
public sealed record StatsTotalsResponse(long Count, StatusCountsResponse Statuses, LatencyResponse LatencyMs)
{
    public static StatsTotalsResponse From(ExchangeCounts counts, DurationPercentiles durations) =>
        new(counts.Count, StatusCountsResponse.From(counts), LatencyResponse.From(durations));
}
