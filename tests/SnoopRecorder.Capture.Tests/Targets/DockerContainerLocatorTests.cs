using SnoopRecorder.Capture.Targets;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Capture.Tests.Targets;

/// <summary>Containers looked up on the real local engine (scripts/test.sh starts dockerd).</summary>
public sealed class DockerContainerLocatorTests
{
    [Fact]
    public async Task FindContainerAsync_ByName_ReturnsIdNameAndTheEnginesPid()
    {
        if (DockerHost.SkipRequested) return;
        var docker = await DockerHost.RequireAsync();
        await using var container = await docker.RunAsync(DockerHost.NewContainerName(), null, ScratchImage.Sleep());
        using var locator = Locator();

        var target = await locator.FindContainerAsync(container.Name, CancellationToken.None);

        await AssertIsAsync(docker, container, target);
    }

    [Fact]
    public async Task FindContainerAsync_ByFullId_ReturnsTheContainer()
    {
        if (DockerHost.SkipRequested) return;
        var docker = await DockerHost.RequireAsync();
        await using var container = await docker.RunAsync(DockerHost.NewContainerName(), null, ScratchImage.Sleep());
        using var locator = Locator();

        var target = await locator.FindContainerAsync(container.Id, CancellationToken.None);

        await AssertIsAsync(docker, container, target);
    }

    [Fact]
    public async Task FindContainerAsync_ByUniqueTwelveCharacterPrefix_ReturnsTheFullId()
    {
        if (DockerHost.SkipRequested) return;
        var docker = await DockerHost.RequireAsync();
        await using var container = await docker.RunAsync(DockerHost.NewContainerName(), null, ScratchImage.Sleep());
        using var locator = Locator();

        var target = await locator.FindContainerAsync(container.Id[..12], CancellationToken.None);

        await AssertIsAsync(docker, container, target);
    }

    [Fact]
    public async Task FindContainerAsync_PausedContainer_IsFoundWithItsPid()
    {
        // A paused container keeps its process and network namespace: it can be recorded, it just sends nothing.
        if (DockerHost.SkipRequested) return;
        var docker = await DockerHost.RequireAsync();
        await using var container = await docker.RunAsync(DockerHost.NewContainerName(), null, ScratchImage.Sleep());
        await docker.ExecuteAsync("pause", container.Id);
        using var locator = Locator();

        var target = await locator.FindContainerAsync(container.Name, CancellationToken.None);

        Assert.Equal(container.Pid, target.Pid);
    }

    [Fact]
    public async Task FindContainerAsync_UnknownName_IsNotFoundNamingItAndTheEndpoint()
    {
        if (DockerHost.SkipRequested) return;
        await DockerHost.RequireAsync();
        var name = DockerHost.NewContainerName();
        using var locator = Locator();

        var error = await Assert.ThrowsAsync<TargetException>(() => locator.FindContainerAsync(name, CancellationToken.None));

        Assert.Equal(TargetProblem.NotFound, error.Problem);
        Assert.Contains($"'{name}'", error.Message);
        Assert.Contains(locator.Endpoint, error.Message);
    }

    [Fact]
    public async Task FindContainerAsync_StoppedContainer_IsNotRunningWithItsState()
    {
        if (DockerHost.SkipRequested) return;
        var docker = await DockerHost.RequireAsync();
        await using var container = await docker.RunAsync(DockerHost.NewContainerName(), null, ScratchImage.Sleep());
        await container.StopAsync();
        using var locator = Locator();

        var error = await Assert.ThrowsAsync<TargetException>(
            () => locator.FindContainerAsync(container.Name, CancellationToken.None));

        Assert.Equal(TargetProblem.NotRunning, error.Problem);
        Assert.Contains(container.Name, error.Message);
        Assert.Contains("exited", error.Message);
    }

    [Fact]
    public async Task FindContainerAsync_PrefixOfSeveralIds_IsNotFoundSayingSo()
    {
        if (DockerHost.SkipRequested) return;
        var docker = await DockerHost.RequireAsync();
        var containers = new List<TestContainer>();
        try
        {
            // Among 17 ids two start with the same hex digit; usually the second or third container gives one.
            string? shared = null;
            while (shared is null)
            {
                var container = await docker.RunAsync(DockerHost.NewContainerName(), null, ScratchImage.Sleep());
                shared = containers.Select(c => c.Id[..1]).FirstOrDefault(prefix => container.Id.StartsWith(prefix, StringComparison.Ordinal));
                containers.Add(container);
            }

            using var locator = Locator();
            var error = await Assert.ThrowsAsync<TargetException>(() => locator.FindContainerAsync(shared, CancellationToken.None));

            Assert.Equal(TargetProblem.NotFound, error.Problem);
            Assert.Contains("several containers", error.Message);
        }
        finally
        {
            foreach (var container in containers)
            {
                await container.DisposeAsync();
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("../../images/json")]
    [InlineData("name?all=1")]
    public async Task FindContainerAsync_NotANameOrId_IsInvalidWithoutAskingTheEngine(string nameOrId)
    {
        using var locator = new DockerContainerLocator(new Uri("unix:///tmp/snoop-no-such.sock"));

        var error = await Assert.ThrowsAsync<TargetException>(() => locator.FindContainerAsync(nameOrId, CancellationToken.None));

        Assert.Equal(TargetProblem.Invalid, error.Problem);
    }

    private static DockerContainerLocator Locator() => new(DockerEndpoint.Choose(null));

    private static async Task AssertIsAsync(DockerHost docker, TestContainer container, ContainerTarget target)
    {
        Assert.Equal(container.Id, target.Id);
        Assert.Equal(container.Name, target.Name);
        Assert.Equal(await docker.InspectPidAsync(container.Id), target.Pid);
        Assert.True(File.Exists($"/proc/{target.Pid}/ns/net"), $"/proc/{target.Pid}/ns/net does not exist");
    }
}
