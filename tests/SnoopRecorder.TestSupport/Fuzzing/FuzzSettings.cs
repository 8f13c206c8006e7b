using System.Globalization;

namespace SnoopRecorder.TestSupport.Fuzzing;

/// <summary>
/// The fuzz runs' seed and length: fixed defaults, overridable with SNOOP_FUZZ_SEED and SNOOP_FUZZ_ITERATIONS. Every
/// iteration draws from its own random source, so iteration N of a seed is the same mutant in every run and every test
/// that uses it.
/// </summary>
public static class FuzzSettings
{
    public const string SeedVariable = "SNOOP_FUZZ_SEED";
    public const string IterationsVariable = "SNOOP_FUZZ_ITERATIONS";

    /// <summary>Fixed, so that CI runs the same inputs every time and a failure reproduces.</summary>
    public const int DefaultSeed = 20261126;

    /// <summary>
    /// Chosen for CI's budget of 60 s on 2 busy cores: on the 2-core build machine, 10,000 inputs took 26 to 51 s at
    /// load averages of 14 to 26 (about 18 s of CPU), so 6,000 stay well inside the budget however busy it is. A longer
    /// hunt is one variable away (runs of 40,000 with other seeds found nothing either).
    /// </summary>
    public const int DefaultIterations = 6_000;

    public static int Seed => Read(SeedVariable, DefaultSeed);

    public static int Iterations => Read(IterationsVariable, DefaultIterations);

    /// <summary>The random source of one iteration, from the run's seed and the iteration alone (SplitMix64).</summary>
    public static Random ForIteration(int seed, int iteration)
    {
        var z = unchecked(((ulong)(uint)seed << 32 | (uint)iteration) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return new Random((int)(z ^ (z >> 31)));
    }

    private static int Read(string variable, int fallback)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"{variable}={text} is not an integer.");
    }
}
