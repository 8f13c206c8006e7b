using System.Net;
using System.Text.Json;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Api.Tests.Recording;

/// <summary>
/// Live sessions on a Kubernetes pod running on a Docker runtime, found by its labels: the session records the
/// sandbox's network namespace, which the pod's app container shares, through the real API, engine and libpcap.
/// </summary>
public sealed class PodRecordingTests(ContainerHostServer host) : IClassFixture<ContainerHostServer>
{
    [Fact]
    public async Task Pod_RecordsTheSandboxNamespace_WhereItsAppContainerTalksToTheHost()
    {
        if (DockerHost.SkipRequested)
        {
            return;
        }

        var docker = await DockerHost.RequireAsync();
        await using var pod = await PodContainers.StartAsync(docker, PodContainers.NewPodName(), "ns-" + Guid.NewGuid().ToString("N")[..8]);
        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();

        var session = await api.StartAsync(new { pod = pod.Pod, @namespace = pod.Namespace });
        var target = session.GetProperty("target");
        Assert.Equal("pod", target.GetProperty("kind").GetString());
        Assert.Equal(pod.Pod, target.GetProperty("pod").GetString());
        Assert.Equal(pod.Namespace, target.GetProperty("podNamespace").GetString());
        // The app container is the newer one; the sandbox is chosen because it holds the namespace.
        Assert.Equal(pod.Sandbox.Pid, target.GetProperty("pid").GetInt32());
        Assert.Equal(pod.Sandbox.Id, target.GetProperty("containerId").GetString());
        Assert.Equal(pod.Sandbox.Name, target.GetProperty("containerName").GetString());
        Assert.Equal(ContainerHostServer.NetnsInodeOf(pod.Sandbox.Pid), target.GetProperty("netnsInode").GetUInt64());
        Assert.Equal("any", session.GetProperty("interface").GetString());
        ThreadNamespaces.AssertAllInProcessNamespace();

        Assert.Equal(HostHttpServer.HelloBody, await host.WgetAsync(pod.App, "/hello?from=app"));
        await host.WgetErrorAsync(pod.App, "/status/503", 503);

        var exchanges = await api.WaitForExchangesAsync(session.Id(), 2);
        Assert.Equal(2, exchanges.Count);
        var hello = exchanges[0];
        Assert.Equal("GET", hello.GetProperty("method").GetString());
        Assert.Equal("/hello", hello.GetProperty("path").GetString());
        Assert.Equal("from=app", hello.GetProperty("query").GetString());
        Assert.Equal(200, hello.GetProperty("status").GetInt32());
        Assert.Equal(host.Authority, hello.GetProperty("host").GetString());
        Assert.Equal(HostHttpServer.HelloBody.Length, hello.GetProperty("responseBodySize").GetInt64());
        Assert.Equal(pod.Sandbox.IpAddress?.ToString(), hello.GetProperty("client").GetProperty("ip").GetString());
        Assert.Equal(host.Server.Address.ToString(), hello.GetProperty("server").GetProperty("ip").GetString());
        Assert.Equal(host.Server.Port, hello.GetProperty("server").GetProperty("port").GetInt32());
        Assert.True(hello.GetProperty("complete").GetBoolean(), hello.ToString());
        Assert.Equal("/status/503", exchanges[1].GetProperty("path").GetString());
        Assert.Equal(503, exchanges[1].GetProperty("status").GetInt32());

        var stopped = await api.StopAsync(session.Id());
        Assert.Equal("stopped", stopped.GetProperty("status").GetString());
        Assert.Equal("requested", stopped.GetProperty("stopReason").GetString());
        Assert.Equal(2, stopped.GetProperty("exchanges").GetInt64());
    }

    [Fact]
    public async Task PodWithoutNamespace_IsLookedUpInDefault()
    {
        if (DockerHost.SkipRequested)
        {
            return;
        }

        var docker = await DockerHost.RequireAsync();
        await using var pod = await PodContainers.StartAsync(docker, PodContainers.NewPodName(), "default");
        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();

        var session = await api.StartAsync(new { pod = pod.Pod });

        var target = session.GetProperty("target");
        Assert.Equal("default", target.GetProperty("podNamespace").GetString());
        Assert.Equal(pod.Sandbox.Pid, target.GetProperty("pid").GetInt32());
        await api.StopAsync(session.Id());
    }

    [Fact]
    public async Task PodStopping_StopsTheSessionAsTargetExited()
    {
        if (DockerHost.SkipRequested)
        {
            return;
        }

        var docker = await DockerHost.RequireAsync();
        await using var pod = await PodContainers.StartAsync(docker, PodContainers.NewPodName(), "default");
        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();
        var id = (await api.StartAsync(new { pod = pod.Pod })).Id();

        await pod.StopAsync();

        var session = await api.WaitForStatusAsync(id, "stopped");
        Assert.Equal("targetExited", session.GetProperty("stopReason").GetString());
    }

    [Fact]
    public async Task UnknownPod_Is404NamingItsNamespaceAndName_AndStoresNothing()
    {
        if (DockerHost.SkipRequested)
        {
            return;
        }

        await DockerHost.RequireAsync();
        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();
        var name = PodContainers.NewPodName();

        var response = await api.PostAsync("/api/sessions", Json(new { pod = name, @namespace = "snoop-test" }));

        Assert.Contains($"snoop-test/{name}", await response.AssertProblemAsync(HttpStatusCode.NotFound));
        await AssertNothingStoredAsync(factory, api);
    }

    [Fact]
    public async Task PodInAnotherNamespace_Is404()
    {
        if (DockerHost.SkipRequested)
        {
            return;
        }

        var docker = await DockerHost.RequireAsync();
        await using var pod = await PodContainers.StartAsync(docker, PodContainers.NewPodName(), "ns-" + Guid.NewGuid().ToString("N")[..8]);
        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();

        var response = await api.PostAsync("/api/sessions", Json(new { pod = pod.Pod, @namespace = "default" }));

        Assert.Contains($"default/{pod.Pod}", await response.AssertProblemAsync(HttpStatusCode.NotFound));
        await AssertNothingStoredAsync(factory, api);
    }

    [Fact]
    public async Task PodWithEveryContainerStopped_Is409_AndStoresNothing()
    {
        if (DockerHost.SkipRequested)
        {
            return;
        }

        var docker = await DockerHost.RequireAsync();
        await using var pod = await PodContainers.StartAsync(docker, PodContainers.NewPodName(), "default");
        await pod.StopAsync();
        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();

        var response = await api.PostAsync("/api/sessions", Json(new { pod = pod.Pod, @namespace = "default" }));

        var detail = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains($"default/{pod.Pod}", detail);
        Assert.Contains("exited", detail);
        await AssertNothingStoredAsync(factory, api);
    }

    private static async Task AssertNothingStoredAsync(SnoopApiFactory factory, HttpClient api)
    {
        Assert.Empty((await api.GetJsonAsync("/api/sessions")).Items());
        Assert.Empty(factory.CaptureFiles());
    }

    private static StringContent Json(object value) =>
        new(JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");
}
