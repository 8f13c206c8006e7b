using System.Net;
using System.Text;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Api.Tests.Recording;

/// <summary>
/// Requests to record that cannot be honoured get a problem naming what is wrong, and leave no session or file
/// behind.
/// </summary>
public sealed class RecordingRequestTests : IDisposable
{
    private readonly SnoopApiFactory _factory = new();
    private readonly HttpClient _api;

    public RecordingRequestTests() => _api = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("{}", "exactly one target")]
    [InlineData("""{"host": false}""", "exactly one target")]
    [InlineData("""{"pid": 1, "netns": "a"}""", "not 2 (pid, netns)")]
    [InlineData("""{"pid": 0}""", "positive")]
    [InlineData("""{"netns": "../../etc/passwd"}""", "/run/netns/NAME or /proc/PID/ns/net")]
    [InlineData("""{"netns": "/etc/passwd"}""", "/run/netns/NAME or /proc/PID/ns/net")]
    [InlineData("""{"netns": "/run/netns/../../etc/passwd"}""", "/run/netns/NAME or /proc/PID/ns/net")]
    [InlineData("""{"netns": "/proc/self/ns/net"}""", "/run/netns/NAME or /proc/PID/ns/net")]
    [InlineData("""{"host": true, "interface": "eth0; rm -rf /"}""", "not an interface name")]
    [InlineData("""{"host": true, "snapLength": 10}""", "64 to 262144")]
    [InlineData("""{"host": true, "maxPackets": 0}""", "positive")]
    [InlineData("""{"namespace": "default", "host": true}""", "needs one")]
    [InlineData("""{"host": true, "maxPacket": 5}""", "maxPacket")]
    [InlineData("""{"host": true""", "JSON")]
    [InlineData("""{"pid": "twelve"}""", "pid")]
    public async Task InvalidRequest_Is400NamingTheProblem_AndStoresNothing(string body, string expected)
    {
        var response = await _api.PostAsync("/api/sessions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Contains(expected, await response.AssertProblemAsync(HttpStatusCode.BadRequest));
        AssertNothingStored();
    }

    [Fact]
    public async Task InvalidFilter_Is400WithLibpcapsOwnMessage()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        var response = await _api.PostAsync("/api/sessions", Json("""{"host": true, "interface": "lo", "filter": "tcp port"}"""));

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'tcp port' is not a valid BPF expression", detail);
        Assert.Contains("syntax error", detail);
        AssertNothingStored();
    }

    [Fact]
    public async Task UnknownInterface_Is400ListingTheTargetsInterfaces()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        using var netns = new NetworkNamespaceFixture();
        var response = await _api.PostAsync("/api/sessions", Json($$"""{"netns": "{{netns.Name}}", "interface": "eth0"}"""));

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        // The host has an eth0; the namespace does not, and the list shown is the namespace's own.
        Assert.Contains("no interface 'eth0'", detail);
        Assert.Contains(NetworkNamespaceFixture.NamespaceInterface, detail);
        AssertNothingStored();
    }

    [Theory]
    [InlineData("""{"pid": 2147483646}""", "process 2147483646 does not exist")]
    [InlineData("""{"netns": "snoop-no-such-namespace"}""", "/run/netns/snoop-no-such-namespace is missing")]
    [InlineData("""{"netns": "/proc/2147483646/ns/net"}""", "is missing")]
    public async Task UnknownProcessOrNamespace_Is404(string body, string expected)
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        var response = await _api.PostAsync("/api/sessions", Json(body));

        Assert.Contains(expected, await response.AssertProblemAsync(HttpStatusCode.NotFound));
        AssertNothingStored();
    }

    [Fact]
    public async Task StoppingAnImport_Is409_AndStoppingAnUnknownSession_Is404()
    {
        var import = await _api.ImportAsync(Corpus.PathOf("arkime/http-simple-get.pcap"));
        var id = import.GetProperty("id").GetString();

        await (await _api.PostAsync($"/api/sessions/{id}/stop", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await _api.PostAsync("/api/sessions/nosuchsession/stop", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _api.GetAsync("/api/sessions/nosuchsession/pcap")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private void AssertNothingStored()
    {
        Assert.Empty(_factory.CaptureFiles());
        using var client = _factory.CreateClient();
        Assert.Empty(client.GetJsonAsync("/api/sessions").GetAwaiter().GetResult().Items());
    }
}
