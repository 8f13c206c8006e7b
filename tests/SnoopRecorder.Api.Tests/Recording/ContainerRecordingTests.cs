using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text.Json;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Api.Tests.Recording;

/// <summary>
/// Live sessions on a Docker container: a scratch container (busybox only, no tcpdump, nothing to install) whose app
/// talks HTTP to a server on the host's docker0 address, recorded from the container's network namespace through the
/// real API, Docker engine, libpcap and SQLite.
/// </summary>
public sealed class ContainerRecordingTests(ContainerHostServer host) : IClassFixture<ContainerHostServer>
{
    private const string PostData = "name=snoop&kind=container";

    [Fact]
    public async Task ContainerByName_RecordsWhatItsAppSendsToTheHost_ExactlyAndInOrder()
    {
        if (DockerHost.SkipRequested)
        {
            return;
        }

        var docker = await DockerHost.RequireAsync();
        await using var container = await docker.RunAsync(DockerHost.NewContainerName(), null, ScratchImage.Sleep());
        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();

        var session = await api.StartAsync(new { container = container.Name, name = "busybox app to the host" });
        var id = session.Id();
        Assert.Equal("live", session.GetProperty("kind").GetString());
        Assert.Equal("recording", session.GetProperty("status").GetString());
        Assert.Equal("busybox app to the host", session.GetProperty("name").GetString());
        Assert.Equal("pcap", session.GetProperty("captureFormat").GetString());
        Assert.Equal("any", session.GetProperty("interface").GetString());
        AssertContainerTarget(session, container);
        ThreadNamespaces.AssertAllInProcessNamespace();

        Assert.Equal(HostHttpServer.HelloBody, await host.WgetAsync(container.Name, "/hello"));
        await host.WgetErrorAsync(container.Name, "/status/404", 404);
        Assert.Equal(PostData, await host.WgetAsync(container.Name, "/echo", "--post-data", PostData));

        var exchanges = await api.WaitForExchangesAsync(id, 3);
        Assert.Equal(3, exchanges.Count);
        AssertExchange(exchanges[0], container, "GET", "/hello", 200);
        Assert.Equal(HostHttpServer.HelloBody.Length, exchanges[0].GetProperty("responseBodySize").GetInt64());
        Assert.Equal(0, exchanges[0].GetProperty("requestBodySize").GetInt64());
        AssertExchange(exchanges[1], container, "GET", "/status/404", 404);
        Assert.Equal("status 404\n".Length, exchanges[1].GetProperty("responseBodySize").GetInt64());
        AssertExchange(exchanges[2], container, "POST", "/echo", 200);
        Assert.Equal(PostData.Length, exchanges[2].GetProperty("requestBodySize").GetInt64());
        Assert.Equal(PostData.Length, exchanges[2].GetProperty("responseBodySize").GetInt64());

        var detail = await api.GetJsonAsync($"/api/exchanges/{exchanges[0].GetProperty("id").GetInt64()}");
        Assert.Equal(host.Authority, HeaderValue(detail.GetProperty("requestHeaders"), "Host"));
        Assert.StartsWith("text/plain", HeaderValue(detail.GetProperty("responseHeaders"), "Content-Type"));

        Assert.Equal("/status/404", Assert.Single((await api.GetJsonAsync($"/api/exchanges?session={id}&status=404")).Items()).GetProperty("path").GetString());
        Assert.Equal("/hello", Assert.Single((await api.GetJsonAsync($"/api/exchanges?session={id}&path=/hello")).Items()).GetProperty("path").GetString());
        Assert.Equal("/echo", Assert.Single((await api.GetJsonAsync($"/api/exchanges?session={id}&method=POST")).Items()).GetProperty("path").GetString());
        Assert.Equal(3, (await api.GetJsonAsync($"/api/exchanges?session={id}&host={host.Authority}")).Items().Count);

        var stopped = await api.StopAsync(id);
        Assert.Equal("stopped", stopped.GetProperty("status").GetString());
        Assert.Equal("requested", stopped.GetProperty("stopReason").GetString());
        Assert.Equal(3, stopped.GetProperty("exchanges").GetInt64());
        Assert.Equal(3, stopped.GetProperty("connections").GetInt64());
        Assert.Equal(0, stopped.GetProperty("dropped").GetInt64());

        await api.AssertCaptureAsync(id, 276, ["/hello", "/status/404", "/echo"]); // Linux cooked v2: interface any
    }

    [Fact]
    public async Task ContainerByUniqueIdPrefix_ResolvesToTheFullIdAndRecordsIt()
    {
        if (DockerHost.SkipRequested)
        {
            return;
        }

        var docker = await DockerHost.RequireAsync();
        await using var container = await docker.RunAsync(DockerHost.NewContainerName(), null, ScratchImage.Sleep());
        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();

        var session = await api.StartAsync(new { container = container.Id[..12] });
        AssertContainerTarget(session, container);

        await host.WgetAsync(container.Name, "/hello");
        AssertExchange(Assert.Single(await api.WaitForExchangesAsync(session.Id(), 1)), container, "GET", "/hello", 200);
        await api.StopAsync(session.Id());
    }

    [Fact]
    public async Task ContainerEth0WithFilter_RecordsEthernetFramesOfTheContainersOwnInterface()
    {
        if (DockerHost.SkipRequested)
        {
            return;
        }

        var docker = await DockerHost.RequireAsync();
        await using var container = await docker.RunAsync(DockerHost.NewContainerName(), null, ScratchImage.Sleep());
        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();
        var filter = $"tcp port {host.Server.Port}";

        var session = await api.StartAsync(new { container = container.Name, @interface = "eth0", filter });
        Assert.Equal("eth0", session.GetProperty("interface").GetString());
        Assert.Equal(filter, session.GetProperty("filter").GetString());
        await host.WgetAsync(container.Name, "/hello");
        AssertExchange(Assert.Single(await api.WaitForExchangesAsync(session.Id(), 1)), container, "GET", "/hello", 200);
        await api.StopAsync(session.Id());

        await api.AssertCaptureAsync(session.Id(), 1, ["/hello"]); // Ethernet: the container's end of its veth pair
    }

    [Fact]
    public async Task UnknownInterface_Is400ListingTheContainersInterfaces_AndStoresNothing()
    {
        if (DockerHost.SkipRequested)
        {
            return;
        }

        var docker = await DockerHost.RequireAsync();
        await using var container = await docker.RunAsync(DockerHost.NewContainerName(), null, ScratchImage.Sleep());
        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();

        var response = await api.PostAsync("/api/sessions", Json(new { container = container.Name, @interface = "eth9" }));

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("no interface 'eth9'", detail);
        Assert.Contains("eth0", detail);
        // docker0 is the host's: the list shown is the container's own.
        Assert.DoesNotContain(DockerNetwork.BridgeInterface, detail);
        await AssertNothingStoredAsync(factory, api);
    }

    [Fact]
    public async Task ContainerStopping_StopsTheSessionAsTargetExited_AndKeepsWhatItRecorded()
    {
        if (DockerHost.SkipRequested)
        {
            return;
        }

        var docker = await DockerHost.RequireAsync();
        await using var container = await docker.RunAsync(DockerHost.NewContainerName(), null, ScratchImage.Sleep());
        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();
        var id = (await api.StartAsync(new { container = container.Name })).Id();
        await host.WgetAsync(container.Name, "/hello");
        await api.WaitForExchangesAsync(id, 1);

        await docker.ExecuteAsync("stop", "-t", "1", container.Name);

        var session = await api.WaitForStatusAsync(id, "stopped");
        Assert.Equal("targetExited", session.GetProperty("stopReason").GetString());
        Assert.True(session.TryGetProperty("endedAt", out var endedAt) && endedAt.ValueKind == JsonValueKind.String, session.ToString());
        Assert.Equal(1, session.GetProperty("exchanges").GetInt64());
        Assert.Equal("/hello", Assert.Single((await api.GetJsonAsync($"/api/exchanges?session={id}")).Items()).GetProperty("path").GetString());
        await api.AssertCaptureAsync(id, null, ["/hello"]);
    }

    [Fact]
    public async Task UnknownContainer_Is404NamingIt_AndStoresNothing()
    {
        if (DockerHost.SkipRequested)
        {
            return;
        }

        await DockerHost.RequireAsync();
        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();
        var name = DockerHost.NewContainerName();

        var response = await api.PostAsync("/api/sessions", Json(new { container = name }));

        Assert.Contains($"'{name}'", await response.AssertProblemAsync(HttpStatusCode.NotFound));
        await AssertNothingStoredAsync(factory, api);
    }

    [Fact]
    public async Task ExitedContainer_Is409NamingIt_AndStoresNothing()
    {
        if (DockerHost.SkipRequested)
        {
            return;
        }

        var docker = await DockerHost.RequireAsync();
        await using var container = await docker.RunAsync(DockerHost.NewContainerName(), null, ScratchImage.Sleep());
        await container.StopAsync();
        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();

        var response = await api.PostAsync("/api/sessions", Json(new { container = container.Name }));

        var detail = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(container.Name, detail);
        Assert.Contains("exited", detail);
        await AssertNothingStoredAsync(factory, api);
    }

    [Fact]
    public async Task CreatedButNeverStartedContainer_Is409_AndStoresNothing()
    {
        if (DockerHost.SkipRequested)
        {
            return;
        }

        var docker = await DockerHost.RequireAsync();
        var name = DockerHost.NewContainerName();
        var image = await ScratchImage.EnsureAsync();
        await docker.ExecuteAsync(
            "create", "--name", name,
            "--label", $"{DockerHost.TestLabel}=1",
            "--label", $"{DockerHost.CreatedLabel}={DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}",
            image, ScratchImage.Busybox, "sleep", "600");
        try
        {
            using var factory = new SnoopApiFactory();
            var api = factory.CreateClient();

            var response = await api.PostAsync("/api/sessions", Json(new { container = name }));

            var detail = await response.AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains(name, detail);
            Assert.Contains("created", detail);
            await AssertNothingStoredAsync(factory, api);
        }
        finally
        {
            await docker.RemoveAsync(name);
        }
    }

    [Theory]
    [InlineData("""{"container": "snoop-test-anything"}""")]
    [InlineData("""{"pod": "web", "namespace": "default"}""")]
    public async Task UnreachableEngine_Is503NamingTheSocket_AndStoresNothing(string body)
    {
        if (DockerHost.SkipRequested)
        {
            return;
        }

        await DockerHost.RequireAsync();
        using var factory = new SnoopApiFactory(("Snoop:Recording:DockerEndpoint", "unix:///tmp/snoop-no-such.sock"));
        var api = factory.CreateClient();

        var response = await api.PostAsync("/api/sessions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Contains("/tmp/snoop-no-such.sock", await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable));
        await AssertNothingStoredAsync(factory, api);
    }

    private static void AssertContainerTarget(JsonElement session, TestContainer container)
    {
        var target = session.GetProperty("target");
        Assert.Equal("container", target.GetProperty("kind").GetString());
        Assert.Equal(container.Id, target.GetProperty("containerId").GetString());
        Assert.Equal(container.Name, target.GetProperty("containerName").GetString());
        Assert.Equal(container.Pid, target.GetProperty("pid").GetInt32());
        Assert.Equal(ContainerHostServer.NetnsInodeOf(container.Pid), target.GetProperty("netnsInode").GetUInt64());
    }

    private void AssertExchange(JsonElement exchange, TestContainer container, string method, string path, int status)
    {
        Assert.Equal(method, exchange.GetProperty("method").GetString());
        Assert.Equal(path, exchange.GetProperty("path").GetString());
        Assert.Equal(path, exchange.GetProperty("uri").GetString());
        Assert.Equal(status, exchange.GetProperty("status").GetInt32());
        Assert.Equal(host.Authority, exchange.GetProperty("host").GetString());
        Assert.Equal("HTTP/1.1", exchange.GetProperty("httpVersion").GetString());
        Assert.Equal(container.IpAddress?.ToString(), exchange.GetProperty("client").GetProperty("ip").GetString());
        Assert.InRange(exchange.GetProperty("client").GetProperty("port").GetInt32(), 1, 65535);
        Assert.Equal(host.Server.Address.ToString(), exchange.GetProperty("server").GetProperty("ip").GetString());
        Assert.Equal(host.Server.Port, exchange.GetProperty("server").GetProperty("port").GetInt32());
        Assert.True(exchange.GetProperty("complete").GetBoolean(), exchange.ToString());
    }

    private static string? HeaderValue(JsonElement headers, string name) =>
        headers.EnumerateArray()
            .Where(h => string.Equals(h.GetProperty("name").GetString(), name, StringComparison.OrdinalIgnoreCase))
            .Select(h => h.GetProperty("value").GetString())
            .FirstOrDefault();

    private static async Task AssertNothingStoredAsync(SnoopApiFactory factory, HttpClient api)
    {
        Assert.Empty((await api.GetJsonAsync("/api/sessions")).Items());
        Assert.Empty(factory.CaptureFiles());
    }

    private static StringContent Json(object value) =>
        new(JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");

}
