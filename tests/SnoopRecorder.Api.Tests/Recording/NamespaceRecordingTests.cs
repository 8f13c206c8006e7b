using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Api.Tests.Recording;

/// <summary>
/// Live sessions on a named network namespace and on a process, against busybox httpd inside a namespace the test
/// made, through the real API, libpcap and SQLite.
/// </summary>
public sealed class NamespaceRecordingTests(NamespaceServer server) : IClassFixture<NamespaceServer>
{
    [Fact]
    public async Task NamedNamespace_OnItsInterface_RecordsEachExchangeExactly()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();
        var session = await api.StartAsync(new
        {
            netns = server.Namespace.Name,
            @interface = NetworkNamespaceFixture.NamespaceInterface,
            filter = $"tcp port {NamespaceServer.Port}",
            name = "httpd in a namespace",
        });
        var id = session.Id();
        Assert.Equal("live", session.GetProperty("kind").GetString());
        Assert.Equal("recording", session.GetProperty("status").GetString());
        Assert.Equal(NetworkNamespaceFixture.NamespaceInterface, session.GetProperty("interface").GetString());
        Assert.Equal($"tcp port {NamespaceServer.Port}", session.GetProperty("filter").GetString());
        var target = session.GetProperty("target");
        Assert.Equal("netns", target.GetProperty("kind").GetString());
        Assert.Equal(server.Namespace.Path, target.GetProperty("netns").GetString());
        Assert.Equal(server.Inode, target.GetProperty("netnsInode").GetUInt64());
        ThreadNamespaces.AssertAllInProcessNamespace();

        Assert.Equal(NamespaceServer.HelloText, await server.Client.GetStringAsync(NamespaceServer.HelloPath));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/missing?x=1")).StatusCode);

        var exchanges = await api.WaitForExchangesAsync(id, 2);
        Assert.Equal(2, exchanges.Count);
        var hello = exchanges[0];
        Assert.Equal("GET", hello.GetProperty("method").GetString());
        Assert.Equal(NamespaceServer.HelloPath, hello.GetProperty("path").GetString());
        Assert.Equal(200, hello.GetProperty("status").GetInt32());
        Assert.Equal(NamespaceServer.HelloText.Length, hello.GetProperty("responseBodySize").GetInt64());
        Assert.Equal(server.Namespace.HostAddress.ToString(), hello.GetProperty("client").GetProperty("ip").GetString());
        Assert.Equal(server.Namespace.NamespaceAddress.ToString(), hello.GetProperty("server").GetProperty("ip").GetString());
        Assert.Equal(NamespaceServer.Port, hello.GetProperty("server").GetProperty("port").GetInt32());
        Assert.True(hello.GetProperty("complete").GetBoolean());
        var missing = exchanges[1];
        Assert.Equal("/missing", missing.GetProperty("path").GetString());
        Assert.Equal("x=1", missing.GetProperty("query").GetString());
        Assert.Equal(404, missing.GetProperty("status").GetInt32());

        var notFound = (await api.GetJsonAsync($"/api/exchanges?session={id}&status=4xx")).Items();
        Assert.Equal("/missing", Assert.Single(notFound).GetProperty("path").GetString());

        var stopped = await api.StopAsync(id);
        Assert.Equal("stopped", stopped.GetProperty("status").GetString());
        Assert.Equal("requested", stopped.GetProperty("stopReason").GetString());
        Assert.Equal(2, stopped.GetProperty("exchanges").GetInt64());
        Assert.Equal(0, stopped.GetProperty("dropped").GetInt64());
        Assert.True(stopped.GetProperty("packets").GetInt64() >= 10, stopped.ToString());

        await api.AssertCaptureAsync(id, 1, [NamespaceServer.HelloPath, "/missing?x=1"]); // Ethernet: the namespace's own veth end
    }

    [Fact]
    public async Task AnyInterface_RecordsLinuxCookedV2_AndTheDownloadWhileRecordingIsWellFormed()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();
        var id = (await api.StartAsync(new { netns = server.Namespace.Path })).Id();
        Assert.Equal(NamespaceServer.HelloText, await server.Client.GetStringAsync(NamespaceServer.HelloPath));
        await api.WaitForExchangesAsync(id, 1);

        await api.AssertCaptureAsync(id, 276, [NamespaceServer.HelloPath]);

        Assert.Equal("recording", (await api.GetJsonAsync($"/api/sessions/{id}")).GetProperty("status").GetString());
        await api.StopAsync(id);
    }

    [Fact]
    public async Task UnderLoadWithAFilterOnAny_EveryPacketOnTheWireIsRecorded_AndEveryRequestIsAnExchange()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        const int requests = 2_000;
        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();
        var id = (await api.StartAsync(new { netns = server.Namespace.Name, filter = $"tcp port {NamespaceServer.Port}" })).Id();
        var before = VethPackets();

        // ab: a new connection per request (busybox httpd closes each), 16 at a time, ~12 packets per request.
        Tools.Run("ab", "-q", "-n", requests.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "16",
            $"http://{server.Namespace.NamespaceAddress}:{NamespaceServer.Port}{NamespaceServer.HelloPath}");
        await Task.Delay(500);
        var onTheWire = VethPackets() - before;
        var session = await api.StopAsync(id);

        // The veth's counters also count the odd ARP or neighbour packet, which the filter leaves out.
        Assert.InRange(session.GetProperty("packets").GetInt64(), onTheWire - 16, onTheWire);
        Assert.Equal(0, session.GetProperty("dropped").GetInt64());
        Assert.Equal(requests, session.GetProperty("exchanges").GetInt64());
        var complete200 = 0;
        string? cursor = null;
        do
        {
            var page = await api.GetJsonAsync($"/api/exchanges?session={id}&status=200&limit=1000{(cursor is null ? "" : "&cursor=" + cursor)}");
            complete200 += page.Items().Count(e => e.GetProperty("complete").GetBoolean());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(requests, complete200);
    }

    private long VethPackets() =>
        long.Parse(File.ReadAllText($"/sys/class/net/{server.Namespace.HostInterface}/statistics/rx_packets"), System.Globalization.CultureInfo.InvariantCulture)
        + long.Parse(File.ReadAllText($"/sys/class/net/{server.Namespace.HostInterface}/statistics/tx_packets"), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task ProcessTarget_RecordsTheNetworkNamespaceOfThatProcess()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();
        var session = await api.StartAsync(new { pid = server.Server.Id });
        var target = session.GetProperty("target");
        Assert.Equal("pid", target.GetProperty("kind").GetString());
        Assert.Equal(server.Server.Id, target.GetProperty("pid").GetInt32());
        Assert.Equal(server.Inode, target.GetProperty("netnsInode").GetUInt64());

        await server.Client.GetStringAsync(NamespaceServer.HelloPath);
        var exchange = Assert.Single(await api.WaitForExchangesAsync(session.Id(), 1));
        Assert.Equal(server.Namespace.NamespaceAddress.ToString(), exchange.GetProperty("server").GetProperty("ip").GetString());
        await api.StopAsync(session.Id());
    }

    [Fact]
    public async Task TwoSessionsOnOneTarget_EachRecordEveryExchange_AndOneMoreThanTheLimitIsRefused()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        using var factory = new SnoopApiFactory(("Snoop:Recording:MaxConcurrentSessions", "2"));
        var api = factory.CreateClient();
        var first = (await api.StartAsync(new { netns = server.Namespace.Name })).Id();
        var second = (await api.StartAsync(new { netns = server.Namespace.Name, @interface = NetworkNamespaceFixture.NamespaceInterface })).Id();
        var refused = await api.PostAsync("/api/sessions", JsonBody(new { netns = server.Namespace.Name }));
        Assert.Contains("MaxConcurrentSessions", await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests));

        for (var i = 0; i < 3; i++)
        {
            await server.Client.GetStringAsync(NamespaceServer.HelloPath);
        }

        Assert.Equal(3, (await api.WaitForExchangesAsync(first, 3)).Count);
        Assert.Equal(3, (await api.WaitForExchangesAsync(second, 3)).Count);
        Assert.Equal(2, (await api.GetJsonAsync("/api/sessions")).Items().Count);
        await api.StopAsync(first);
        await api.StopAsync(second);
    }

    [Fact]
    public async Task MaxPackets_StopsTheSessionWithExactlyThatManyPacketsInItsCapture()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();
        var id = (await api.StartAsync(new { netns = server.Namespace.Name, maxPackets = 4 })).Id();
        await server.Client.GetStringAsync(NamespaceServer.HelloPath);
        await server.Client.GetStringAsync(NamespaceServer.HelloPath);

        var session = await api.WaitForStatusAsync(id, "stopped");
        Assert.Equal("maxPackets", session.GetProperty("stopReason").GetString());
        Assert.Equal(4, session.GetProperty("packets").GetInt64());
        var capture = await api.DownloadCaptureAsync(id);
        try
        {
            Assert.Equal("4", Tools.Run("capinfos", "-M", "-c", "-T", "-r", capture).Split('\t')[^1].Trim());
        }
        finally
        {
            File.Delete(capture);
        }
    }

    [Fact]
    public async Task MaxBytes_StopsTheSessionBeforeItsCaptureHoldsMore()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();
        var id = (await api.StartAsync(new { netns = server.Namespace.Name, maxBytes = 600 })).Id();
        await server.Client.GetStringAsync(NamespaceServer.HelloPath);
        await server.Client.GetStringAsync(NamespaceServer.HelloPath);

        var session = await api.WaitForStatusAsync(id, "stopped");
        Assert.Equal("maxBytes", session.GetProperty("stopReason").GetString());
        var bytes = session.GetProperty("bytes").GetInt64();
        Assert.InRange(bytes, 1, 600);
    }

    [Fact]
    public async Task MaxDuration_StopsTheSessionByItself()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();
        var id = (await api.StartAsync(new { netns = server.Namespace.Name, maxDurationSeconds = 1 })).Id();

        var session = await api.WaitForStatusAsync(id, "stopped");
        Assert.Equal("maxDuration", session.GetProperty("stopReason").GetString());
        var lasted = session.GetProperty("endedAt").GetDateTimeOffset() - session.GetProperty("createdAt").GetDateTimeOffset();
        Assert.InRange(lasted, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task DeletingARecordingSession_RemovesItsExchangesAndFiles()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();
        var id = (await api.StartAsync(new { netns = server.Namespace.Name })).Id();
        await server.Client.GetStringAsync(NamespaceServer.HelloPath);
        await api.WaitForExchangesAsync(id, 1);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/sessions/{id}")).StatusCode);

        await (await api.GetAsync($"/api/sessions/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await api.GetJsonAsync($"/api/exchanges?session={id}")).Items());
        Assert.Empty(factory.CaptureFiles());
        Assert.False(File.Exists(Path.Combine(factory.DataDirectory, "bodies", id + ".bin")));
        await (await api.DeleteAsync($"/api/sessions/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ServiceRestart_MarksTheRecordingSessionInterrupted_AndKeepsWhatItRecorded()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        var dataDirectory = Path.Combine(Path.GetTempPath(), "snoop-api-tests", Guid.NewGuid().ToString("N"));
        string id;
        using (var first = SnoopApiFactory.On(dataDirectory))
        {
            var api = first.CreateClient();
            id = (await api.StartAsync(new { netns = server.Namespace.Name })).Id();
            await server.Client.GetStringAsync(NamespaceServer.HelloPath);
            await api.WaitForExchangesAsync(id, 1);
        }

        using var second = SnoopApiFactory.On(dataDirectory);
        try
        {
            var api = second.CreateClient();
            var session = await api.GetJsonAsync($"/api/sessions/{id}");
            Assert.Equal("interrupted", session.GetProperty("status").GetString());
            Assert.Equal("serviceStopped", session.GetProperty("stopReason").GetString());
            Assert.Equal(NamespaceServer.HelloPath, Assert.Single((await api.GetJsonAsync($"/api/exchanges?session={id}")).Items()).GetProperty("path").GetString());
            await api.AssertCaptureAsync(id, null, [NamespaceServer.HelloPath]);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task DeletedNamespace_StopsTheSessionAsTargetExited()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();
        string id;
        using (var doomed = new NetworkNamespaceFixture())
        {
            id = (await api.StartAsync(new { netns = doomed.Name })).Id();
        }

        var session = await api.WaitForStatusAsync(id, "stopped");
        Assert.Equal("targetExited", session.GetProperty("stopReason").GetString());
    }

    private static StringContent JsonBody(object value) =>
        new(JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");

}
