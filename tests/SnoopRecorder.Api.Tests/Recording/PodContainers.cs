using System.Globalization;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Api.Tests.Recording;

/// <summary>
/// A Kubernetes pod as dockershim (or cri-dockerd) lays it out on a Docker engine: a sandbox container holding the
/// network namespace, and an app container joined to it (<c>--network container:SANDBOX</c>), both carrying the pod's
/// labels. Disposing it removes both.
/// </summary>
public sealed class PodContainers : IAsyncDisposable
{
    public const string PodNameLabel = "io.kubernetes.pod.name";
    public const string PodNamespaceLabel = "io.kubernetes.pod.namespace";
    public const string TypeLabel = "io.kubernetes.docker.type";

    private readonly DockerHost _docker;

    private PodContainers(DockerHost docker, string pod, string podNamespace, TestContainer sandbox, string app)
    {
        _docker = docker;
        Pod = pod;
        Namespace = podNamespace;
        Sandbox = sandbox;
        App = app;
    }

    public string Pod { get; }

    public string Namespace { get; }

    /// <summary>The sandbox ("pause") container, <c>io.kubernetes.docker.type=podsandbox</c>.</summary>
    public TestContainer Sandbox { get; }

    /// <summary>The app container's name, <c>io.kubernetes.docker.type=container</c>, in the sandbox's namespace.</summary>
    public string App { get; }

    /// <summary>A random pod name, so that pods of tests running in parallel stay apart.</summary>
    public static string NewPodName() => "pod-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Starts the sandbox, then the app container in its network namespace; both run busybox sleep.</summary>
    public static async Task<PodContainers> StartAsync(DockerHost docker, string pod, string podNamespace)
    {
        var sandbox = await docker.RunAsync(DockerHost.NewContainerName(), Labels(pod, podNamespace, "podsandbox"), ScratchImage.Sleep());
        var app = DockerHost.NewContainerName();
        try
        {
            // DockerHost.RunAsync cannot pass --network: this container is run here, with the same test labels.
            List<string> arguments =
            [
                "run", "-d", "--name", app,
                "--label", $"{DockerHost.TestLabel}=1",
                "--label", $"{DockerHost.CreatedLabel}={DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}",
            ];
            foreach (var (key, value) in Labels(pod, podNamespace, "container"))
            {
                arguments.AddRange(["--label", $"{key}={value}"]);
            }

            arguments.AddRange(["--network", $"container:{sandbox.Id}", await ScratchImage.EnsureAsync(), .. ScratchImage.Sleep()]);
            await docker.ExecuteAsync([.. arguments]);
            return new PodContainers(docker, pod, podNamespace, sandbox, app);
        }
        catch
        {
            await docker.RemoveAsync(app);
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the app container, then the sandbox, as the kubelet does when a pod ends.</summary>
    public async Task StopAsync()
    {
        await _docker.StopAsync(App);
        await Sandbox.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _docker.RemoveAsync(App);
        await Sandbox.DisposeAsync();
    }

    private static Dictionary<string, string> Labels(string pod, string podNamespace, string type) => new()
    {
        [PodNameLabel] = pod,
        [PodNamespaceLabel] = podNamespace,
        [TypeLabel] = type,
    };
}
