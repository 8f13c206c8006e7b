using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SnoopRecorder.Api.Tests.Recording;
using SnoopRecorder.TestSupport;
using Xunit.Abstractions;

namespace SnoopRecorder.Api.Tests.Faults;

/// <summary>
/// The Docker engine stopped (SIGTERM to dockerd, as a service manager stops it) while a container is recorded, through
/// the real API, engine, libpcap and SQLite. The engine is started again afterwards, whatever happened, so that later
/// tests have Docker.
/// </summary>
[Collection(DockerEngineCollection.Name)]
public sealed partial class DockerEngineStopTests(ContainerHostServer host, ITestOutputHelper output) : IClassFixture<ContainerHostServer>
{
    private static readonly TimeSpan SessionEndPatience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EngineStoppedMidSession_ItsContainersStopWithIt_TheSessionEndsAsTargetExited_AndNewContainerSessionsAre503()
    {
        if (DockerHost.SkipRequested)
        {
            return;
        }

        var docker = await DockerHost.RequireAsync();
        var container = await docker.RunAsync(DockerHost.NewContainerName(), null, ScratchImage.Sleep());
        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();
        var id = (await api.StartAsync(new { container = container.Name, name = "engine stops" })).Id();
        Assert.Equal(HostHttpServer.HelloBody, await host.WgetAsync(container.Name, "/hello"));
        await api.WaitForExchangesAsync(id, 1);
        var dockerd = FindDockerd();
        var signalled = false;
        try
        {
            var stopping = DateTimeOffset.UtcNow;
            signalled = true;
            var engineStop = await StopEngineAsync(dockerd);
            output.WriteLine($"dockerd {dockerd} exited {engineStop.TotalSeconds:0.0} s after SIGTERM");

            // Without live-restore the engine takes its containers down as it stops (SIGTERM, SIGKILL after the
            // container's stop timeout: busybox as PID 1 ignores SIGTERM): the session sees its target go.
            Assert.False(Directory.Exists($"/proc/{container.Pid}"), $"container process {container.Pid} survived the engine");
            var session = await WaitUntilEndedAsync(api, id);
            output.WriteLine($"session ended {(session.GetProperty("endedAt").GetDateTimeOffset() - stopping).TotalSeconds:0.0} s after SIGTERM: {session}");
            Assert.True(
                session.GetProperty("status").GetString() == "stopped" && session.GetProperty("stopReason").GetString() == "targetExited",
                $"dockerd stopped in {engineStop.TotalSeconds:0.0} s; session: {session}");
            Assert.Equal(JsonValueKind.Null, session.GetProperty("error").ValueKind);
            Assert.Equal(1, session.GetProperty("exchanges").GetInt64());

            // What it recorded stays queryable.
            var exchange = Assert.Single((await api.GetJsonAsync($"/api/exchanges?session={id}")).Items());
            Assert.Equal("/hello", exchange.GetProperty("path").GetString());
            Assert.Equal(200, exchange.GetProperty("status").GetInt32());
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/exchanges/{exchange.GetProperty("id").GetInt64()}/transcript")).StatusCode);
            await api.AssertCaptureAsync(id, 276, ["/hello"]);

            // A new container session: the engine is unreachable, 503 naming the socket, nothing stored.
            var refused = await api.PostAsJsonAsync("/api/sessions", new { container = container.Name });
            var detail = await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            output.WriteLine($"new container session: 503 {detail}");
            Assert.Contains("/var/run/docker.sock", detail);
            Assert.Contains("is dockerd running", detail);
            Assert.Equal(id, Assert.Single((await api.GetJsonAsync("/api/sessions")).Items()).Id());

            // The rest of the service does not need the engine.
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health")).StatusCode);
            Assert.Equal(1, (await api.ImportAsync(Corpus.PathOf("arkime/http-simple-get.pcap"))).GetProperty("exchanges").GetInt64());
        }
        finally
        {
            await StartEngineAsync(signalled ? dockerd : null);
            await container.DisposeAsync();
        }

        // With the engine back, containers are recorded again.
        await using var next = await docker.RunAsync(DockerHost.NewContainerName(), null, ScratchImage.Sleep());
        var resumed = (await api.StartAsync(new { container = next.Name })).Id();
        await host.WgetAsync(next.Name, "/hello");
        await api.WaitForExchangesAsync(resumed, 1);
        await api.StopAsync(resumed);
    }

    private static async Task<JsonElement> WaitUntilEndedAsync(HttpClient api, string id)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var session = await api.GetJsonAsync($"/api/sessions/{id}");
            if (session.GetProperty("status").GetString() != "recording")
            {
                return session;
            }

            Assert.True(watch.Elapsed < SessionEndPatience, $"session {id} still records {SessionEndPatience.TotalSeconds} s after the engine stopped: {session}");
            await Task.Delay(100);
        }
    }
}
