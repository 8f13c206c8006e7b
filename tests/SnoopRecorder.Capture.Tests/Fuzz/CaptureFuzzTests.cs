using System.Diagnostics;
using System.Text;
using SnoopRecorder.Capture.Tests.Corpus;
using SnoopRecorder.TestSupport;
using SnoopRecorder.TestSupport.Fuzzing;
using Xunit.Abstractions;

namespace SnoopRecorder.Capture.Tests.Fuzz;

/// <summary>
/// Seeded mutation fuzzing of the offline analysis: thousands of damaged versions of real captures (bit flips, byte
/// overwrites, truncations, record lengths at their extremes, frame fields at their extremes, HTTP numbers and tokens
/// overwritten, records spliced from other captures, duplicated and reordered; see <see cref="MutationKind"/>) go
/// through the same reader, reorder window, decoder, reassembly and HTTP parsing as an import.
/// None may throw anything but the documented "not a capture" refusal, hang, break an invariant of what it reports,
/// or make memory grow. A failure names the seed and iteration and keeps the input for reproduction.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class CaptureFuzzTests(ITestOutputHelper output)
{
    // Managed heap after the run vs before (both after a full GC): what survives the inputs. Runs retain about 1.5 MiB
    // (pooled arrays); 16 MiB over 6,000 inputs fails any leak above 2.8 KB per input: a connection, a buffer, a body.
    private const long MaxRetainedBytes = 16L << 20;

    // Peak resident set over the run vs before it (native memory too: libpcap's handles and buffers). One input holds
    // at most libpcap's record buffer (256 KiB for pcap, up to 16 MiB for a pcapng block), the reorder window (8 MiB)
    // and, per connection, its out-of-order bytes (2 × 1 MiB) and HTTP buffers (64 KiB heads, 1 MiB bodies per side);
    // a 32 KiB input has a handful of connections. Runs peak 20 to 50 MiB above the start; 128 MiB leaves room for
    // the GC's slack and still fails anything that grows with the number of inputs.
    private const long MaxPeakGrowthBytes = 128L << 20;

    [Fact]
    public void MutatedCaptures_AreAnalysedWithoutExceptionsHangsBrokenInvariantsOrMemoryGrowth()
    {
        var seed = FuzzSettings.Seed;
        var iterations = FuzzSettings.Iterations;
        var reproduce = $"seed {seed} ({FuzzSettings.SeedVariable}), {iterations} iterations ({FuzzSettings.IterationsVariable})";
        output.WriteLine($"Fuzz run: {reproduce}");
        var seeds = SeedCaptures.Load(CorpusFiles.PathOf);
        var mutator = new CaptureMutator(seeds);
        var runner = new FuzzRunner();
        var folder = Directory.CreateTempSubdirectory("snoop-fuzz-");
        var input = Path.Combine(folder.FullName, "input");
        try
        {
            // The unmutated seeds first: they must read cleanly, or the harness, not the analysis, is broken.
            foreach (var capture in seeds)
            {
                File.WriteAllBytes(input, capture.Bytes);
                var clean = runner.Run(input);
                Assert.True(clean.Outcome == FuzzOutcome.Completed, $"seed {capture.Name}: {clean.Outcome} {clean.Detail}");
            }

            var retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
            var workingSetBefore = ProcessMemory.WorkingSet();
            using var memory = new ProcessMemory();
            var stopwatch = Stopwatch.StartNew();
            var tally = new FuzzTally();
            var failures = new List<string>();
            for (var iteration = 0; iteration < iterations && failures.Count < 10; iteration++)
            {
                var mutant = mutator.Mutate(FuzzSettings.ForIteration(seed, iteration));
                File.WriteAllBytes(input, mutant.Bytes);
                var result = runner.Run(input);
                tally.Add(iteration, mutant, result);
                if (result.Failed)
                {
                    failures.Add(Keep(seed, iteration, mutant, result));
                    if (result.Outcome == FuzzOutcome.Hung)
                    {
                        break;
                    }
                }
            }

            var elapsed = stopwatch.Elapsed;
            var retainedGrowth = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;
            var peakGrowth = memory.PeakBytes - workingSetBefore;
            output.WriteLine($"{iterations} inputs in {elapsed.TotalSeconds:F1} s");
            foreach (var line in tally.Lines())
            {
                output.WriteLine(line);
            }

            output.WriteLine($"memory: managed heap {retainedGrowth / 1024.0 / 1024:F1} MiB retained; resident peak {memory.PeakBytes >> 20} MiB "
                + $"({memory.PeakSource}), {peakGrowth / 1024.0 / 1024:F1} MiB above the start");

            Assert.True(failures.Count == 0, $"{failures.Count} failing input(s), {reproduce}:\n" + string.Join("\n", failures));
            Assert.True(retainedGrowth < MaxRetainedBytes, $"managed heap grew by {retainedGrowth} bytes over the run ({reproduce})");
            Assert.True(peakGrowth < MaxPeakGrowthBytes, $"resident memory peaked {peakGrowth} bytes above the start ({reproduce})");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Saves the input outside the run's folder and says how to reproduce it.</summary>
    private string Keep(int seed, int iteration, FuzzInput mutant, RunResult result)
    {
        var extension = mutant.Origin.Contains(".pcapng", StringComparison.Ordinal) ? "pcapng" : "pcap";
        var path = Path.Combine(Path.GetTempPath(), $"snoop-fuzz-{seed}-{iteration}.{extension}");
        File.WriteAllBytes(path, mutant.Bytes);
        var message = new StringBuilder()
            .Append($"iteration {iteration} of seed {seed}: {result.Outcome} after {result.Elapsed.TotalMilliseconds:F0} ms; ")
            .Append($"mutant of {mutant.Origin} ({mutant.Description}), saved as {path} ")
            .Append($"(replay: dotnet run --project src/SnoopRecorder.Api -- import {path}): {result.Detail}")
            .ToString();
        output.WriteLine(message);
        return message;
    }
}
