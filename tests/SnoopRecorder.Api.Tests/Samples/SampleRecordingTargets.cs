using SnoopRecorder.Api.Tests.Recording;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Api.Tests.Samples;

/// <summary>
/// Real targets for the recording samples, named by the variables <c>sessions.http</c> uses: a network namespace made
/// for the test (<c>netns</c>) with a process in it (<c>pid</c>), a Docker container (<c>container</c>) and a pod on
/// the Docker engine (<c>pod</c>, <c>podNamespace</c>). What this machine cannot provide is listed with the reason, so
/// that the samples needing it are reported as not sent, never silently left out.
/// </summary>
internal sealed class SampleRecordingTargets : IAsyncDisposable
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _unavailable = new(StringComparer.Ordinal);
    private NetworkNamespaceFixture? _namespace;
    private TestContainer? _container;
    private PodContainers? _pod;

    private SampleRecordingTargets()
    {
    }

    /// <summary>Variable name to value, for the targets made.</summary>
    public IReadOnlyDictionary<string, string> Variables => _variables;

    /// <summary>Variable name to why it has no real value on this machine.</summary>
    public IReadOnlyDictionary<string, string> Unavailable => _unavailable;

    /// <summary>
    /// Makes every target. Root is needed for the namespace (and for recording at all) unless
    /// <c>SNOOP_SKIP_PRIVILEGED=1</c>; a Docker engine for the container and the pod unless <c>SNOOP_SKIP_DOCKER=1</c>.
    /// Without those variables a missing privilege or engine fails the test, saying what is missing.
    /// </summary>
    public static async Task<SampleRecordingTargets> CreateAsync()
    {
        var targets = new SampleRecordingTargets();
        try
        {
            targets.CreateNamespace();
            await targets.CreateDockerTargetsAsync();
            return targets;
        }
        catch
        {
            await targets.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_pod is not null)
        {
            await _pod.DisposeAsync();
        }

        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        _namespace?.Dispose();
    }

    private void CreateNamespace()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            const string Why = "recording needs root (SNOOP_SKIP_PRIVILEGED=1 and this is not root)";
            _unavailable["netns"] = Why;
            _unavailable["pid"] = Why;
            return;
        }

        _namespace = new NetworkNamespaceFixture();
        _variables["netns"] = _namespace.Name;
        // ip netns exec execs sleep: its PID is a process inside the namespace.
        _variables["pid"] = _namespace.StartInside("sleep", "600").Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task CreateDockerTargetsAsync()
    {
        if (DockerHost.SkipRequested)
        {
            const string Why = "no Docker engine is used (SNOOP_SKIP_DOCKER=1)";
            foreach (var name in new[] { "container", "pod", "podNamespace" })
            {
                _unavailable[name] = Why;
            }

            return;
        }

        var docker = await DockerHost.RequireAsync();
        _container = await docker.RunAsync(DockerHost.NewContainerName(), null, ScratchImage.Sleep());
        _variables["container"] = _container.Name;
        _pod = await PodContainers.StartAsync(docker, PodContainers.NewPodName(), "ns-" + Guid.NewGuid().ToString("N")[..8]);
        _variables["pod"] = _pod.Pod;
        _variables["podNamespace"] = _pod.Namespace;
    }
}
