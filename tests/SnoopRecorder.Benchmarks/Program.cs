using BenchmarkDotNet.Running;
using SnoopRecorder.Benchmarks.Queries;

namespace SnoopRecorder.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project tests/SnoopRecorder.Benchmarks -- --filter '*'</c>, or
/// <c>-- queries</c> for the plans and timings of the exchange list queries on a million stored exchanges, or
/// <c>-- index-cost</c> for what the filter indexes cost the writer.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["queries", ..])
        {
            return QueryReport.Run(args[1..]);
        }

        if (args is ["index-cost", ..])
        {
            return IndexCostReport.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
