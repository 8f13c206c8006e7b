using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Sessions.Stats;

/// <summary>
/// Percentiles of <c>durationMs</c> (first request byte to last response byte) over the exchanges that got a response,
/// by nearest rank: the p-th percentile is the duration of rank ⌈p·n/100⌉ in ascending order, one that was measured,
/// never interpolated. Null when no exchange got a response.
/// </summary>
public sealed record LatencyResponse(double? P50, double? P95, double? P99)
{
    private const double NanosecondsPerMillisecond = 1_000_000.0;

    public static LatencyResponse From(DurationPercentiles durations) =>
        new(Milliseconds(durations.P50Ns), Milliseconds(durations.P95Ns), Milliseconds(durations.P99Ns));

    private static double? Milliseconds(long? ns) => ns / NanosecondsPerMillisecond;
}
