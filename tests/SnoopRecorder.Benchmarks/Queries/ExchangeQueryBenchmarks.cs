using BenchmarkDotNet.Attributes;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Benchmarks.Queries;

/// <summary>
/// The first page (100 exchanges) of typical list queries on a million stored exchanges (<see cref="MillionExchangeStore"/>,
/// filled once on first use), through <see cref="ExchangeRepository.Query"/>: index choice, counts, the list statement
/// and mapping the rows. One operation is one page.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(QueryBenchmarkConfig))]
public class ExchangeQueryBenchmarks
{
    private ExchangeRepository _exchanges = null!;

    public static IEnumerable<TypicalQuery> Queries() => TypicalQueries.All(MillionExchangeStore.Open(Console.Out));

    [GlobalSetup]
    public void Setup() => _exchanges = new ExchangeRepository(MillionExchangeStore.Open(Console.Out));

    [Benchmark]
    [ArgumentsSource(nameof(Queries))]
    public int FirstPage(TypicalQuery query) => _exchanges.Query(query.Query).Items.Count;
}
