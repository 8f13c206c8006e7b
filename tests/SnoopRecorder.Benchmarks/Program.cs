using BenchmarkDotNet.Running;

namespace SnoopRecorder.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project tests/SnoopRecorder.Benchmarks -- --filter '*'</c>.</summary>
internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
