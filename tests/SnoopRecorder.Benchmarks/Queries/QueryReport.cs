using System.Diagnostics;
using System.Globalization;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Benchmarks.Queries;

/// <summary>
/// Console mode <c>queries</c>: fills the store when needed, then prints, for each typical query, the index SQLite runs
/// the page on, how many rows the first page has, and the min and median of 30 timed runs after 5 warm-up runs (a
/// quick table; <see cref="ExchangeQueryBenchmarks"/> measures the same with BenchmarkDotNet).
/// </summary>
internal static class QueryReport
{
    private const int WarmUps = 5;
    private const int Runs = 30;

    public static int Run(string[] args)
    {
        var database = MillionExchangeStore.Open(Console.Out);
        var exchanges = new ExchangeRepository(database);
        Console.WriteLine($"| query | parameters | plan | rows | min ms | median ms |");
        Console.WriteLine("|---|---|---|---:|---:|---:|");
        foreach (var typical in TypicalQueries.All(database))
        {
            for (var i = 0; i < WarmUps; i++)
            {
                exchanges.Query(typical.Query);
            }

            var times = new double[Runs];
            var rows = 0;
            for (var i = 0; i < Runs; i++)
            {
                var watch = Stopwatch.StartNew();
                rows = exchanges.Query(typical.Query).Items.Count;
                times[i] = watch.Elapsed.TotalMilliseconds;
            }

            Array.Sort(times);
            var plan = string.Join("; ", exchanges.Explain(typical.Query)).Replace("exchanges USING ", string.Empty, StringComparison.Ordinal);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {typical.Name} | `{typical.QueryString}` | {plan} | {rows} | {times[0]:F2} | {times[Runs / 2]:F2} |"));
        }

        return 0;
    }
}
