using SnoopRecorder.Capture.Targets;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Capture.Tests.Targets;

/// <summary>
/// Pods on a Docker runtime, imitated with the labels dockershim and cri-dockerd put on a pod's containers.
/// </summary>
public sealed class DockerContainerLocatorPodTests
{
    private const string Namespace = "snoop-tests";

    [Fact]
    public async Task FindPodAsync_SandboxAndAppContainerRunning_ReturnsTheSandboxPid()
    {
        if (DockerHost.SkipRequested) return;
        var docker = await DockerHost.RequireAsync();
        var pod = NewPodName();
        await using var sandbox = await docker.RunAsync(DockerHost.NewContainerName(), PodLabels(pod, "podsandbox"), ScratchImage.Sleep());
        // Started after the sandbox, so that "newest first" alone would pick it.
        await using var app = await docker.RunAsync(DockerHost.NewContainerName(), PodLabels(pod, "container"), ScratchImage.Sleep());
        using var locator = Locator();

        var target = await locator.FindPodAsync(pod, Namespace, CancellationToken.None);

        Assert.Equal(sandbox.Id, target.Id);
        Assert.Equal(await docker.InspectPidAsync(sandbox.Id), target.Pid);
    }

    [Fact]
    public async Task FindPodAsync_NoSandboxRunning_ReturnsARunningContainerOfThePod()
    {
        if (DockerHost.SkipRequested) return;
        var docker = await DockerHost.RequireAsync();
        var pod = NewPodName();
        await using var sandbox = await docker.RunAsync(DockerHost.NewContainerName(), PodLabels(pod, "podsandbox"), ScratchImage.Sleep());
        await using var app = await docker.RunAsync(DockerHost.NewContainerName(), PodLabels(pod, "container"), ScratchImage.Sleep());
        await sandbox.StopAsync();
        using var locator = Locator();

        var target = await locator.FindPodAsync(pod, Namespace, CancellationToken.None);

        Assert.Equal(app.Id, target.Id);
        Assert.Equal(await docker.InspectPidAsync(app.Id), target.Pid);
    }

    [Fact]
    public async Task FindPodAsync_UnknownPod_IsNotFoundNamingNamespaceAndPod()
    {
        if (DockerHost.SkipRequested) return;
        await DockerHost.RequireAsync();
        var pod = NewPodName();
        using var locator = Locator();

        var error = await Assert.ThrowsAsync<TargetException>(() => locator.FindPodAsync(pod, Namespace, CancellationToken.None));

        Assert.Equal(TargetProblem.NotFound, error.Problem);
        Assert.Contains($"{Namespace}/{pod}", error.Message);
    }

    [Fact]
    public async Task FindPodAsync_SamePodNameInAnotherNamespace_IsNotFound()
    {
        if (DockerHost.SkipRequested) return;
        var docker = await DockerHost.RequireAsync();
        var pod = NewPodName();
        await using var sandbox = await docker.RunAsync(DockerHost.NewContainerName(), PodLabels(pod, "podsandbox"), ScratchImage.Sleep());
        using var locator = Locator();

        var error = await Assert.ThrowsAsync<TargetException>(
            () => locator.FindPodAsync(pod, "another-namespace", CancellationToken.None));

        Assert.Equal(TargetProblem.NotFound, error.Problem);
    }

    [Fact]
    public async Task FindPodAsync_AllContainersStopped_IsNotRunning()
    {
        if (DockerHost.SkipRequested) return;
        var docker = await DockerHost.RequireAsync();
        var pod = NewPodName();
        await using var sandbox = await docker.RunAsync(DockerHost.NewContainerName(), PodLabels(pod, "podsandbox"), ScratchImage.Sleep());
        await using var app = await docker.RunAsync(DockerHost.NewContainerName(), PodLabels(pod, "container"), ScratchImage.Sleep());
        await sandbox.StopAsync();
        await app.StopAsync();
        using var locator = Locator();

        var error = await Assert.ThrowsAsync<TargetException>(() => locator.FindPodAsync(pod, Namespace, CancellationToken.None));

        Assert.Equal(TargetProblem.NotRunning, error.Problem);
        Assert.Contains($"{Namespace}/{pod}", error.Message);
        Assert.Contains("exited", error.Message);
    }

    [Theory]
    [InlineData("", Namespace)]
    [InlineData("web", " ")]
    public async Task FindPodAsync_MissingNameOrNamespace_IsInvalid(string pod, string @namespace)
    {
        using var locator = Locator();

        var error = await Assert.ThrowsAsync<TargetException>(() => locator.FindPodAsync(pod, @namespace, CancellationToken.None));

        Assert.Equal(TargetProblem.Invalid, error.Problem);
    }

    private static DockerContainerLocator Locator() => new(DockerEndpoint.Choose(null));

    private static string NewPodName() => $"web-{Guid.NewGuid():N}"[..16];

    private static Dictionary<string, string> PodLabels(string pod, string type) => new()
    {
        ["io.kubernetes.pod.name"] = pod,
        ["io.kubernetes.pod.namespace"] = Namespace,
        ["io.kubernetes.docker.type"] = type,
    };
}
