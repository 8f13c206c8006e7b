using Docker.DotNet.Models;

namespace SnoopRecorder.Capture.Targets;

/// <summary>
/// The containers dockershim (and cri-dockerd) create for a Kubernetes pod, found by the labels it puts on them. The
/// pod's sandbox ("pause") container holds the network namespace that the pod's other containers join.
/// </summary>
internal static class DockerPodContainers
{
    public const string PodNameLabel = "io.kubernetes.pod.name";
    public const string PodNamespaceLabel = "io.kubernetes.pod.namespace";
    public const string ContainerTypeLabel = "io.kubernetes.docker.type";
    public const string SandboxType = "podsandbox";

    private const string RunningState = "running";

    /// <summary>A list filter that matches only containers carrying both labels (the engine ANDs label filters).</summary>
    public static ContainersListParameters AllOf(string pod, string @namespace) => new()
    {
        All = true,
        Filters = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool>
            {
                [$"{PodNameLabel}={pod}"] = true,
                [$"{PodNamespaceLabel}={@namespace}"] = true,
            },
        },
    };

    /// <summary>The running sandbox when there is one, else any running container (the newest first), else null.</summary>
    public static ContainerListResponse? ChooseRunning(IEnumerable<ContainerListResponse> containers) =>
        containers
            .Where(c => string.Equals(c.State, RunningState, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(IsSandbox)
            .ThenByDescending(c => c.Created)
            .FirstOrDefault();

    /// <summary>The states of the pod's containers for a message: "exited, created".</summary>
    public static string DescribeStates(IEnumerable<ContainerListResponse> containers) =>
        string.Join(", ", containers.Select(c => c.State).Distinct(StringComparer.OrdinalIgnoreCase));

    private static bool IsSandbox(ContainerListResponse container) =>
        container.Labels is not null
        && container.Labels.TryGetValue(ContainerTypeLabel, out var type)
        && type == SandboxType;
}
