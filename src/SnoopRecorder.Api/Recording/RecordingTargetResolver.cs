using SnoopRecorder.Capture.Namespaces;
using SnoopRecorder.Capture.Targets;

namespace SnoopRecorder.Api.Recording;

/// <summary>
/// Turns a request's target into an open network namespace: containers and pods through the Docker engine to their
/// init PID, then <c>/proc/PID/ns/net</c>; a named namespace through its file. The descriptor is opened at once, so
/// the namespace cannot be swapped (PID reuse) between resolving and entering it.
/// </summary>
internal sealed class RecordingTargetResolver(IContainerLocator containers)
{
    /// <exception cref="TargetException">Not found, not running, engine unreachable, or a capability missing.</exception>
    public async Task<ResolvedTarget> ResolveAsync(StartRecordingRequest request, CancellationToken cancellationToken)
    {
        Require(ProcessCapabilities.NetRaw, "to capture packets");
        if (request.Host == true)
        {
            return new ResolvedTarget(null, new SessionTarget("host", NamespaceWindow.HostNamespace.Inode));
        }

        Require(ProcessCapabilities.SysAdmin, "to enter another network namespace (setns)");
        if (request.Container is { } container)
        {
            var found = await containers.FindContainerAsync(container.Trim(), cancellationToken);
            return new ResolvedTarget(
                NetworkNamespace.Open($"/proc/{found.Pid}/ns/net", $"the init process ({found.Pid}) of container '{found.Name}'"),
                new SessionTarget("container", 0, ContainerId: found.Id, ContainerName: found.Name, Pid: found.Pid));
        }

        if (request.Pod is { } pod)
        {
            var podNamespace = request.Namespace?.Trim() ?? "default";
            var found = await containers.FindPodAsync(pod.Trim(), podNamespace, cancellationToken);
            return new ResolvedTarget(
                NetworkNamespace.Open($"/proc/{found.Pid}/ns/net", $"the process ({found.Pid}) of pod '{podNamespace}/{pod}'"),
                new SessionTarget("pod", 0, ContainerId: found.Id, ContainerName: found.Name, Pod: pod.Trim(), PodNamespace: podNamespace, Pid: found.Pid));
        }

        if (request.Pid is { } pid)
        {
            return new ResolvedTarget(NetworkNamespace.OfProcess(pid), new SessionTarget("pid", 0, Pid: pid));
        }

        var path = NetnsPaths.Resolve(request.Netns!)
            ?? throw new TargetException(TargetProblem.Invalid, $"'{request.Netns}' is not an allowed network namespace: it accepts {NetnsPaths.Accepted}");
        return new ResolvedTarget(NetworkNamespace.Open(path, $"network namespace '{request.Netns}'"), new SessionTarget("netns", 0, Netns: path));
    }

    private static void Require(int capability, string why)
    {
        if (!ProcessCapabilities.Has(capability))
        {
            throw new TargetException(
                TargetProblem.MissingPrivilege,
                $"the service lacks {ProcessCapabilities.NameOf(capability)}, which it needs {why}");
        }
    }
}
