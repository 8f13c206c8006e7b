namespace SnoopRecorder.Benchmarks.Queries;

/// <summary>A window during which one host fails a share of its requests with one 5xx status, slowly.</summary>
internal sealed record SyntheticIncident(string Host, long FromNs, long ToNs, int Status, double Share, double DurationMs);
