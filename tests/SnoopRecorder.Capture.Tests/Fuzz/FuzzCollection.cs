namespace SnoopRecorder.Capture.Tests.Fuzz;

/// <summary>
/// The fuzz run measures its process's memory, so it runs alone: xunit runs collections that disable parallelisation
/// after the others, one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    public const string Name = "Fuzz";
}
