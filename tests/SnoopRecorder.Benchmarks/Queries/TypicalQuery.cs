using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Benchmarks.Queries;

/// <summary>A list query as a client would send it (<see cref="QueryString"/>) and as storage runs it.</summary>
public sealed record TypicalQuery(string Name, string QueryString, ExchangeQuery Query)
{
    /// <summary>BenchmarkDotNet shows arguments by their text.</summary>
    public override string ToString() => Name;
}
