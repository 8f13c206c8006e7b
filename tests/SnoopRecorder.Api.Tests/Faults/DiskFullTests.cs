using System.Net;
using SnoopRecorder.Api.Tests.Recording;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Api.Tests.Faults;

/// <summary>
/// The data directory on a small tmpfs that a recording fills: the session fails saying why, what it stored stays
/// readable and the service goes on answering.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private const int DiskMegabytes = 24;
    private const int BodyBytes = 1 << 20;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "snoop-api-tests", "diskfull-" + Guid.NewGuid().ToString("N"));
    private string DataDirectory => Path.Combine(_root, "data");
    private string WebRoot => Path.Combine(_root, "www");

    public void Dispose()
    {
        if (Directory.Exists(DataDirectory))
        {
            Tools.Run("umount", "-l", DataDirectory);
        }

        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task DataDiskFillsWhileRecording_SessionFailsSayingSo_AndTheServiceKeepsAnswering()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        Directory.CreateDirectory(DataDirectory);
        Tools.Run("mount", "-t", "tmpfs", "-o", $"size={DiskMegabytes}m", "tmpfs", DataDirectory);
        Directory.CreateDirectory(WebRoot);
        await File.WriteAllBytesAsync(Path.Combine(WebRoot, "big.bin"), new byte[BodyBytes]);
        using var ns = new NetworkNamespaceFixture();
        ns.StartInside("busybox", "httpd", "-f", "-p", $"{ns.NamespaceAddress}:8080", "-h", WebRoot);
        using var web = new HttpClient { BaseAddress = new Uri($"http://{ns.NamespaceAddress}:8080"), Timeout = TimeSpan.FromSeconds(10) };
        await WaitUntilServingAsync(web);
        using var service = await ServiceProcess.StartAsync(DataDirectory);
        var id = (await service.Client.StartAsync(new { netns = ns.Name, filter = "tcp port 8080" })).Id();

        // Each download stores about 2 MB (the packets and the body): the disk is full well before 40 of them.
        var downloads = 0;
        var session = await service.Client.GetJsonAsync($"/api/sessions/{id}");
        for (; downloads < 40 && session.GetProperty("status").GetString() == "recording"; downloads++)
        {
            await DownloadAsync(web);
            await Task.Delay(50);
            session = await service.Client.GetJsonAsync($"/api/sessions/{id}");
        }

        session = await service.Client.GetJsonAsync($"/api/sessions/{id}");
        for (var waited = 0; session.GetProperty("status").GetString() == "recording" && waited < 150; waited++)
        {
            await Task.Delay(100);
            session = await service.Client.GetJsonAsync($"/api/sessions/{id}");
        }

        Assert.True(session.GetProperty("status").GetString() == "failed", $"{session}\n{service.Output}");
        Assert.True(downloads < 40, $"the session still records after {downloads} downloads of 1 MB on a {DiskMegabytes} MB disk");
        var error = session.GetProperty("error").GetString();
        Assert.Contains("No space left on device", error);

        // What was stored before the disk filled is still there, and the service answers.
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/health")).StatusCode);
        var exchanges = (await service.Client.GetJsonAsync($"/api/exchanges?session={id}&limit=1000")).Items();
        Assert.NotEmpty(exchanges);
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync($"/api/exchanges/{exchanges[0].GetProperty("id").GetInt64()}/transcript")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/api/sessions")).StatusCode);
    }

    private static async Task WaitUntilServingAsync(HttpClient web)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await web.GetAsync("/big.bin", HttpCompletionOption.ResponseHeadersRead);
                return;
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task DownloadAsync(HttpClient web)
    {
        using var response = await web.GetAsync("/big.bin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(BodyBytes, (await response.Content.ReadAsByteArrayAsync()).Length);
    }
}
