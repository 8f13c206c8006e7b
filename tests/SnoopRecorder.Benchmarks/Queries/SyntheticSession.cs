namespace SnoopRecorder.Benchmarks.Queries;

/// <summary>One generated session: its share of all exchanges and the days of the week it covers.</summary>
internal sealed record SyntheticSession(string Id, string Name, double Share, double FirstDay, double LastDay, int Clients);
