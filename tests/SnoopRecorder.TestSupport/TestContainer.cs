using System.Net;

namespace SnoopRecorder.TestSupport;

/// <summary>A container a test started with <see cref="DockerHost.RunAsync"/>; disposing it removes it (force).</summary>
public sealed class TestContainer : IAsyncDisposable
{
    private readonly DockerHost _host;

    internal TestContainer(DockerHost host, string id, string name, int pid, IPAddress? ipAddress)
    {
        _host = host;
        Id = id;
        Name = name;
        Pid = pid;
        IpAddress = ipAddress;
    }

    /// <summary>The full (64 hex digit) id.</summary>
    public string Id { get; }

    /// <summary>The name, without the leading '/' the engine reports.</summary>
    public string Name { get; }

    /// <summary>The host PID of its init process when it was started; <c>/proc/PID/ns/net</c> is its namespace.</summary>
    public int Pid { get; }

    /// <summary>Its address on its first network (docker0's bridge by default); null with <c>--network none</c>.</summary>
    public IPAddress? IpAddress { get; }

    public Task StopAsync() => _host.StopAsync(Id);

    public async ValueTask DisposeAsync() => await _host.RemoveAsync(Id);
}
