using Docker.DotNet;
using Docker.DotNet.Models;

namespace SnoopRecorder.Capture.Targets;

/// <summary>
/// Finds containers and Kubernetes pods (on a Docker runtime: dockershim, cri-dockerd) through the Docker engine API,
/// and turns every way that can fail into a <see cref="TargetException"/> whose message names the container or pod
/// and the endpoint tried.
/// </summary>
public sealed class DockerContainerLocator : IContainerLocator, IDisposable
{
    /// <summary>How long one request may take before the engine counts as unreachable.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly DockerClientConfiguration _configuration;
    private readonly DockerClient _client;
    private readonly DockerEngineFailure _failure;

    /// <summary>A locator for the engine at <paramref name="endpoint"/> (see <see cref="DockerEndpoint.Choose(string?)"/>).</summary>
    public DockerContainerLocator(Uri endpoint)
        : this(endpoint, DefaultTimeout)
    {
    }

    /// <summary>A locator for the engine at <paramref name="endpoint"/>, giving each request <paramref name="timeout"/>.</summary>
    public DockerContainerLocator(Uri endpoint, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        Endpoint = endpoint.OriginalString;
        _failure = new DockerEngineFailure(endpoint, timeout);
        _configuration = new DockerClientConfiguration(endpoint, credentials: null, defaultTimeout: timeout);
        _client = _configuration.CreateClient();
    }

    /// <inheritdoc />
    public string Endpoint { get; }

    /// <inheritdoc />
    public async Task<ContainerTarget> FindContainerAsync(string nameOrId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(nameOrId))
        {
            throw new TargetException(TargetProblem.Invalid, "a container name or id is required");
        }

        if (!DockerNames.IsNameOrId(nameOrId))
        {
            throw new TargetException(
                TargetProblem.Invalid,
                $"'{nameOrId}' is not a container name or id (letters, digits, '_', '.' and '-', starting with a letter or digit)");
        }

        var container = await InspectAsync(nameOrId, cancellationToken);
        return ToTarget(container, $"container '{DockerNames.Display(container.Name)}'");
    }

    /// <inheritdoc />
    public async Task<ContainerTarget> FindPodAsync(string pod, string @namespace, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(pod) || string.IsNullOrWhiteSpace(@namespace))
        {
            throw new TargetException(TargetProblem.Invalid, "a pod needs both its name and its namespace");
        }

        IList<ContainerListResponse> containers;
        try
        {
            containers = await _client.Containers.ListContainersAsync(
                DockerPodContainers.AllOf(pod, @namespace), cancellationToken);
        }
        catch (Exception e) when (DockerEngineFailure.IsUnusable(e, cancellationToken))
        {
            throw _failure.Unreachable(e);
        }

        if (containers.Count == 0)
        {
            throw new TargetException(
                TargetProblem.NotFound,
                $"no container of pod {@namespace}/{pod} on the Docker engine at {Endpoint} (none is labelled " +
                $"{DockerPodContainers.PodNameLabel}={pod} and {DockerPodContainers.PodNamespaceLabel}={@namespace})");
        }

        var chosen = DockerPodContainers.ChooseRunning(containers)
            ?? throw new TargetException(
                TargetProblem.NotRunning,
                $"pod {@namespace}/{pod} has {containers.Count} container(s) on the Docker engine at {Endpoint}, " +
                $"none running (state: {DockerPodContainers.DescribeStates(containers)})");

        // The list has no PID; inspecting by full id cannot be ambiguous.
        var container = await InspectAsync(chosen.ID, cancellationToken);
        return ToTarget(container, $"pod {@namespace}/{pod} (container '{DockerNames.Display(container.Name)}')");
    }

    public void Dispose()
    {
        _client.Dispose();
        _configuration.Dispose();
    }

    private async Task<ContainerInspectResponse> InspectAsync(string nameOrId, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.Containers.InspectContainerAsync(nameOrId, cancellationToken);
        }
        catch (DockerContainerNotFoundException e)
        {
            throw new TargetException(
                TargetProblem.NotFound,
                $"there is no container '{nameOrId}' on the Docker engine at {Endpoint}",
                e);
        }
        catch (DockerApiException e) when (DockerEngineFailure.IsAmbiguousPrefix(e))
        {
            throw new TargetException(
                TargetProblem.NotFound,
                $"'{nameOrId}' is a prefix of the ids of several containers on the Docker engine at {Endpoint}: " +
                "give more of the id, or the name",
                e);
        }
        catch (Exception e) when (DockerEngineFailure.IsUnusable(e, cancellationToken))
        {
            throw _failure.Unreachable(e);
        }
    }

    private static ContainerTarget ToTarget(ContainerInspectResponse container, string description)
    {
        // A paused container keeps its PID and its namespace (it can be recorded, it just sends nothing); a restarting
        // one may report Running with no PID yet.
        var state = container.State;
        if (state is null || !state.Running || state.Pid <= 0)
        {
            throw new TargetException(
                TargetProblem.NotRunning,
                $"{description} is not running (state: {state?.Status ?? "unknown"})");
        }

        return new ContainerTarget(container.ID, DockerNames.Display(container.Name), checked((int)state.Pid));
    }
}
