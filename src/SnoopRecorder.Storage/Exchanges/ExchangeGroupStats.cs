namespace SnoopRecorder.Storage.Exchanges;

/// <summary>The exchanges of one (host, method, path) group of a session: counts and duration percentiles.</summary>
public sealed record ExchangeGroupStats(ExchangeGroupKey Key, ExchangeCounts Counts, DurationPercentiles Durations);
