namespace SnoopRecorder.Api.Tests.Faults;

/// <summary>
/// Tests that stop the machine's Docker engine: they break every other Docker test running meanwhile, so they run
/// alone, after the others (xunit 2 runs collections that disable parallelisation last, one at a time).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DockerEngineCollection
{
    public const string Name = "Docker engine stopped";
}
