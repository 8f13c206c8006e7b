using System.Net;
using SnoopRecorder.Api.Tests.Recording;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Api.Tests.Redaction;

/// <summary>
/// A live session with the default redaction and storePackets=false, recording busybox httpd in a namespace the test
/// made: the headers are stored redacted; the capture file exists while the analysis follows it but is never offered,
/// and is deleted when the session ends.
/// </summary>
public sealed class LivePrivacyTests(NamespaceServer server) : IClassFixture<NamespaceServer>
{
    [Fact]
    public async Task LiveSession_StorePacketsFalse_RedactsAndDeletesItsCaptureWhenItEnds()
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
            storePackets = false,
        });
        var id = session.Id();
        Assert.True(session.GetProperty("redacted").GetBoolean());
        Assert.False(session.GetProperty("packetsStored").GetBoolean());

        using (var request = new HttpRequestMessage(HttpMethod.Get, NamespaceServer.HelloPath))
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer live-secret-token");
            request.Headers.TryAddWithoutValidation("Cookie", "sid=live-secret; theme=dark");
            using var response = await server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var item = Assert.Single(await api.WaitForExchangesAsync(id, 1));
        var exchange = await api.GetJsonAsync($"/api/exchanges/{item.GetProperty("id").GetInt64()}");
        Assert.Equal("Bearer [redacted]", exchange.GetProperty("requestHeaders").Single("Authorization"));
        Assert.Equal("sid=[redacted]; theme=[redacted]", exchange.GetProperty("requestHeaders").Single("Cookie"));
        Assert.DoesNotContain("live-secret", await api.TranscriptAsync(exchange), StringComparison.Ordinal);

        // The analysis follows the file while recording; it is not offered even so.
        Assert.Single(factory.CaptureFiles());
        await (await api.GetAsync($"/api/sessions/{id}/pcap")).AssertProblemAsync(HttpStatusCode.Gone);

        var stopped = await api.StopAsync(id);
        Assert.Equal("stopped", stopped.GetProperty("status").GetString());
        Assert.False(stopped.GetProperty("packetsStored").GetBoolean());
        Assert.Empty(factory.CaptureFiles());
        Assert.Equal(1, stopped.GetProperty("exchanges").GetInt64());
    }
}
