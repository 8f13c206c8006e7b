using System.Net;
using System.Net.Http.Headers;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Capture.Tests.TestSupport;

/// <summary>The end-to-end helpers do what their names promise.</summary>
public sealed class TestSupportSmokeTests
{
    [Fact]
    public async Task NetworkNamespaceFixture_NamespaceHasTheVethEnd_AndTheHostDoesNot()
    {
        if (NetworkNamespaceFixture.SkipRequested) return;
        using var fixture = new NetworkNamespaceFixture();

        var inside = (await fixture.RunInsideAsync("ip", "-o", "link")).EnsureSuccess().StandardOutput;
        var onHost = File.ReadAllText("/proc/net/dev");

        Assert.Contains($"{NetworkNamespaceFixture.NamespaceInterface}@", inside);
        Assert.DoesNotContain(NetworkNamespaceFixture.NamespaceInterface, onHost);
        Assert.Contains(fixture.HostInterface, onHost);
        Assert.True(File.Exists(fixture.Path), $"{fixture.Path} does not exist");
    }

    [Fact]
    public async Task NetworkNamespaceFixture_ProcessInsideReachesAServerOnTheHostEnd()
    {
        if (NetworkNamespaceFixture.SkipRequested) return;
        using var fixture = new NetworkNamespaceFixture();
        await using var server = await HostHttpServer.StartAsync(fixture.HostAddress);

        var fetched = await fixture.RunInsideAsync("busybox", "wget", "-q", "-O", "-", $"{server.BaseUrl}hello");

        Assert.Equal(HostHttpServer.HelloBody, fetched.EnsureSuccess().StandardOutput);
    }

    [Fact]
    public async Task NetworkNamespaceFixture_Dispose_RemovesNamespaceAndHostInterface()
    {
        if (NetworkNamespaceFixture.SkipRequested) return;
        var fixture = new NetworkNamespaceFixture();
        using (var process = fixture.StartInside("busybox", "sleep", "600"))
        {
            fixture.Dispose();

            Assert.True(process.HasExited);
        }

        Assert.False(File.Exists(fixture.Path));
        Assert.DoesNotContain(fixture.HostInterface, await File.ReadAllTextAsync("/proc/net/dev"));
    }

    [Fact]
    public async Task HostHttpServer_AnswersHelloStatusAndEchoOnLoopback()
    {
        await using var server = await HostHttpServer.StartAsync(IPAddress.Loopback);
        using var client = new HttpClient { BaseAddress = server.BaseUrl };

        using var hello = await client.GetAsync("hello");
        using var teapot = await client.GetAsync("status/418");
        using var content = new StringContent("{\"a\":1}", new MediaTypeHeaderValue("application/json"));
        using var echo = await client.PostAsync("echo", content);

        Assert.NotEqual(0, server.Port);
        Assert.Equal(HttpStatusCode.OK, hello.StatusCode);
        Assert.Equal("text/plain", hello.Content.Headers.ContentType?.ToString());
        Assert.Equal(HostHttpServer.HelloBody, await hello.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode)418, teapot.StatusCode);
        Assert.Equal("application/json", echo.Content.Headers.ContentType?.ToString());
        Assert.Equal("{\"a\":1}", await echo.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ScratchImage_ContainerServesItsWebRootToTheHost()
    {
        if (DockerHost.SkipRequested) return;
        var docker = await DockerHost.RequireAsync();
        await using var container = await docker.RunAsync(DockerHost.NewContainerName(), null, ScratchImage.Httpd(8080));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var body = await GetWhenListeningAsync(client, new Uri($"http://{container.IpAddress}:8080/hello.txt"));

        Assert.Equal(ScratchImage.HelloText, body);
    }

    [Fact]
    public async Task HostHttpServer_OnDocker0_IsReachableFromAContainer()
    {
        if (DockerHost.SkipRequested) return;
        var docker = await DockerHost.RequireAsync();
        await using var server = await HostHttpServer.StartAsync(DockerNetwork.Docker0Address());
        await using var container = await docker.RunAsync(DockerHost.NewContainerName(), null, ScratchImage.Sleep());

        var body = await docker.ExecuteAsync(
            "exec", container.Id, ScratchImage.Busybox, "wget", "-q", "-O", "-", $"{server.BaseUrl}hello");

        Assert.Equal(HostHttpServer.HelloBody, body);
    }

    private static async Task<string> GetWhenListeningAsync(HttpClient client, Uri url)
    {
        // httpd binds a moment after the container starts.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await client.GetStringAsync(url);
            }
            catch (HttpRequestException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }
}
