using System.Net;
using System.Net.Sockets;
using SnoopRecorder.Capture.Targets;

namespace SnoopRecorder.Capture.Tests.Targets;

/// <summary>Engines that cannot answer: these need no Docker, they make the failure themselves.</summary>
public sealed class DockerContainerLocatorEngineTests
{
    [Fact]
    public async Task FindContainerAsync_SocketThatDoesNotExist_IsEngineUnavailableNamingTheSocket()
    {
        using var locator = new DockerContainerLocator(new Uri("unix:///tmp/snoop-no-such.sock"));

        var error = await Assert.ThrowsAsync<TargetException>(() => locator.FindContainerAsync("web", CancellationToken.None));

        Assert.Equal(TargetProblem.EngineUnavailable, error.Problem);
        Assert.Equal(
            "the Docker engine at unix:///tmp/snoop-no-such.sock cannot be reached (No such file or directory): " +
            "is dockerd running, and is the socket mounted?",
            error.Message);
    }

    [Fact]
    public async Task FindPodAsync_SocketThatDoesNotExist_IsEngineUnavailable()
    {
        using var locator = new DockerContainerLocator(new Uri("unix:///tmp/snoop-no-such.sock"));

        var error = await Assert.ThrowsAsync<TargetException>(
            () => locator.FindPodAsync("web", "default", CancellationToken.None));

        Assert.Equal(TargetProblem.EngineUnavailable, error.Problem);
        Assert.Contains("unix:///tmp/snoop-no-such.sock", error.Message);
    }

    [Fact]
    public async Task FindContainerAsync_SocketNobodyListensOn_IsEngineUnavailableSayingConnectionRefused()
    {
        // What a dockerd killed with SIGKILL leaves behind: the socket file without a listener.
        // Bound but not listening; .NET deletes the file when the socket is disposed.
        var path = Path.Combine(Path.GetTempPath(), $"snoop-dead-{Guid.NewGuid():N}.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        using var locator = new DockerContainerLocator(new Uri($"unix://{path}"));

        var error = await Assert.ThrowsAsync<TargetException>(() => locator.FindContainerAsync("web", CancellationToken.None));

        Assert.Equal(TargetProblem.EngineUnavailable, error.Problem);
        Assert.Equal(
            $"the Docker engine at unix://{path} cannot be reached (Connection refused): " +
            "is dockerd running, and is the socket mounted?",
            error.Message);
    }

    [Fact]
    public async Task FindContainerAsync_EngineThatNeverAnswers_IsEngineUnavailableAfterTheTimeout()
    {
        // The kernel completes the TCP handshake from the backlog; nobody ever reads the request.
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen();
        var endpoint = $"tcp://127.0.0.1:{((IPEndPoint)silent.LocalEndPoint!).Port}";
        using var locator = new DockerContainerLocator(new Uri(endpoint), TimeSpan.FromMilliseconds(500));

        var error = await Assert.ThrowsAsync<TargetException>(() => locator.FindContainerAsync("web", CancellationToken.None));

        Assert.Equal(TargetProblem.EngineUnavailable, error.Problem);
        Assert.Contains(endpoint, error.Message);
        Assert.Contains("no answer within 0.5 s", error.Message);
    }

    [Fact]
    public async Task FindContainerAsync_CallerCancels_IsCancellationNotAnEngineProblem()
    {
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen();
        using var locator = new DockerContainerLocator(new Uri($"tcp://127.0.0.1:{((IPEndPoint)silent.LocalEndPoint!).Port}"));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => locator.FindContainerAsync("web", cancellation.Token));
    }
}
