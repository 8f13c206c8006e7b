using System.Net;
using System.Net.Http.Json;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Api.Tests.Recording;

/// <summary>The real program, killed or deprived of capabilities, while it records.</summary>
public sealed class ServiceProcessRecordingTests(NamespaceServer server) : IClassFixture<NamespaceServer>, IDisposable
{
    private readonly TempDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task KilledWhileRecording_TheRestartedServiceShowsTheSessionInterruptedWithEverythingStoredBefore()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        string id;
        using (var service = await ServiceProcess.StartAsync(_data.Path))
        {
            id = (await service.Client.StartAsync(new { netns = server.Namespace.Name })).Id();
            await server.Client.GetStringAsync(NamespaceServer.HelloPath);
            await server.Client.GetStringAsync(NamespaceServer.HelloPath);
            await service.Client.WaitForExchangesAsync(id, 2);
            service.Kill();
        }

        using var restarted = await ServiceProcess.StartAsync(_data.Path);
        var session = await restarted.Client.GetJsonAsync($"/api/sessions/{id}");
        Assert.Equal("interrupted", session.GetProperty("status").GetString());
        Assert.Equal("serviceStopped", session.GetProperty("stopReason").GetString());
        Assert.Equal(2, (await restarted.Client.GetJsonAsync($"/api/exchanges?session={id}")).Items().Count);
        await restarted.Client.AssertCaptureAsync(id, null, [NamespaceServer.HelloPath, NamespaceServer.HelloPath]);
    }

    [Theory]
    [InlineData("net_raw", "host", "CAP_NET_RAW")]
    [InlineData("sys_admin", "netns", "CAP_SYS_ADMIN")]
    public async Task WithoutACapability_StartingASession_Is403NamingIt(string dropped, string target, string named)
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        using var service = await ServiceProcess.StartAsync(_data.Path, dropped);
        object request = target == "host" ? new { host = true } : new { netns = server.Namespace.Name };

        var response = await service.Client.PostAsJsonAsync("/api/sessions", request);

        Assert.Contains(named, await response.AssertProblemAsync(HttpStatusCode.Forbidden));
        Assert.Empty((await service.Client.GetJsonAsync("/api/sessions")).Items());
    }
}
