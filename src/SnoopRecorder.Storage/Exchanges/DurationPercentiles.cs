namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// Percentiles of exchange durations in nanoseconds (first request byte to last response byte, negative clamped to 0),
/// by nearest rank, over the exchanges that got a response; null when none did.
/// </summary>
public readonly record struct DurationPercentiles(long? P50Ns, long? P95Ns, long? P99Ns);
