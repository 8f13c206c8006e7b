using System.Globalization;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Api.Tests.Recording;

/// <summary>
/// The Docker engine and a <see cref="HostHttpServer"/> on docker0's address, where containers on the default bridge
/// reach the host: the server a container's app talks to. Nothing starts when <c>SNOOP_SKIP_DOCKER=1</c>.
/// </summary>
public sealed class ContainerHostServer : IAsyncLifetime
{
    private HostHttpServer? _server;
    private DockerHost? _docker;

    public DockerHost Docker => _docker ?? throw new InvalidOperationException("Docker was not required (SNOOP_SKIP_DOCKER=1).");

    public HostHttpServer Server => _server ?? throw new InvalidOperationException("The server was not started (SNOOP_SKIP_DOCKER=1).");

    /// <summary><c>ADDRESS:PORT</c>: what a client puts in its Host header, and where the server listens.</summary>
    public string Authority => $"{Server.Address}:{Server.Port}";

    public async Task InitializeAsync()
    {
        if (DockerHost.SkipRequested)
        {
            return;
        }

        _docker = await DockerHost.RequireAsync();
        _server = await HostHttpServer.StartAsync(DockerNetwork.Docker0Address());
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>
    /// Has busybox wget inside <paramref name="container"/> fetch <c>http://AUTHORITY</c><paramref name="pathAndQuery"/>
    /// (<c>docker exec</c>; the recorder itself never execs) and returns the response body. Extra wget options, such
    /// as <c>--post-data</c>, go before the URL.
    /// </summary>
    public Task<string> WgetAsync(string container, string pathAndQuery, params string[] options) =>
        Docker.ExecuteAsync(
            ["exec", container, ScratchImage.Busybox, "wget", "-q", "-O", "-", .. options, $"http://{Authority}{pathAndQuery}"]);

    /// <summary>
    /// As <see cref="WgetAsync"/> for a request the server answers with an error status: busybox wget exits non-zero
    /// on those, so the failure is expected and must name <paramref name="status"/>.
    /// </summary>
    public async Task WgetErrorAsync(string container, string pathAndQuery, int status)
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => WgetAsync(container, pathAndQuery));
        Assert.Contains(status.ToString(CultureInfo.InvariantCulture), failure.Message);
    }

    /// <summary>The inode of a process's network namespace, from the link <c>/proc/PID/ns/net</c> → <c>net:[N]</c>.</summary>
    public static ulong NetnsInodeOf(int pid)
    {
        var link = new FileInfo($"/proc/{pid}/ns/net").LinkTarget
            ?? throw new InvalidOperationException($"/proc/{pid}/ns/net is not a link");
        Assert.StartsWith("net:[", link);
        return ulong.Parse(link.AsSpan(5, link.Length - 6), CultureInfo.InvariantCulture);
    }
}
