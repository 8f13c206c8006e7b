namespace SnoopRecorder.Capture.Targets;

/// <summary>Finds running containers (and Kubernetes pods on a Docker runtime) and the PID that holds their network
/// namespace.</summary>
public interface IContainerLocator
{
    /// <summary>What the locator talks to, for messages: <c>unix:///var/run/docker.sock</c>.</summary>
    string Endpoint { get; }

    /// <summary>A container by name, full id or unique id prefix.</summary>
    /// <exception cref="TargetException">Not found (or the prefix is ambiguous), not running, or the engine is unreachable.</exception>
    Task<ContainerTarget> FindContainerAsync(string nameOrId, CancellationToken cancellationToken);

    /// <summary>
    /// A running container of the pod, found by the labels Kubernetes puts on its containers
    /// (<c>io.kubernetes.pod.name</c>, <c>io.kubernetes.pod.namespace</c>); all of a pod's containers share one
    /// network namespace, the pod sandbox's when there is one.
    /// </summary>
    /// <exception cref="TargetException">No such pod, none of its containers running, or the engine is unreachable.</exception>
    Task<ContainerTarget> FindPodAsync(string pod, string @namespace, CancellationToken cancellationToken);
}
