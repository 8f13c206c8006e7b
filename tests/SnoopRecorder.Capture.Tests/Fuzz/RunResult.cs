namespace SnoopRecorder.Capture.Tests.Fuzz;

/// <summary>What one analysis of one mutant gave.</summary>
internal sealed record RunResult(FuzzOutcome Outcome, string? Detail, long Exchanges, TimeSpan Elapsed)
{
    public bool Failed => Outcome is FuzzOutcome.Crashed or FuzzOutcome.InvariantBroken or FuzzOutcome.Hung;
}
