namespace SnoopRecorder.Api.Tests.Adversarial;

/// <summary>
/// Tests that import captures of a million packets run alone, after the others (xunit runs collections that disable
/// parallelisation last, one at a time): on two cores they would otherwise slow the imports of other tests past the
/// service's import wait, and their own timings would measure the neighbours.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyCapturesCollection
{
    public const string Name = "Heavy captures";
}
