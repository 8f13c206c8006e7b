using SnoopRecorder.TestSupport.Fuzzing;

namespace SnoopRecorder.Capture.Tests.Fuzz;

/// <summary>What a fuzz run went through: outcomes, mutation kinds, exchanges found and its slowest input.</summary>
internal sealed class FuzzTally
{
    private readonly Dictionary<FuzzOutcome, int> _outcomes = [];
    private readonly Dictionary<MutationKind, int> _kinds = [];
    private long _exchanges;
    private (TimeSpan Elapsed, int Iteration, FuzzInput? Input) _slowest = (TimeSpan.Zero, -1, null);

    public void Add(int iteration, FuzzInput mutant, RunResult result)
    {
        _outcomes[result.Outcome] = _outcomes.GetValueOrDefault(result.Outcome) + 1;
        foreach (var kind in mutant.Kinds.Distinct())
        {
            _kinds[kind] = _kinds.GetValueOrDefault(kind) + 1;
        }

        _exchanges += result.Exchanges;
        if (result.Elapsed > _slowest.Elapsed)
        {
            _slowest = (result.Elapsed, iteration, mutant);
        }
    }

    public IEnumerable<string> Lines()
    {
        yield return $"{_exchanges} exchanges found";
        yield return "outcomes: " + string.Join(", ", _outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"));
        yield return "mutations: " + string.Join(", ", _kinds.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"));
        yield return $"slowest: iteration {_slowest.Iteration}, {_slowest.Elapsed.TotalMilliseconds:F0} ms, {_slowest.Input?.Origin} ({_slowest.Input?.Description})";
    }
}
