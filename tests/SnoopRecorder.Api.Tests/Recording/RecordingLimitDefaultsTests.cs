using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Api.Tests.Recording;

/// <summary>
/// A live session whose request sets no limit records under the service's defaults
/// (<c>Snoop:Recording:DefaultMaxDurationSeconds</c>, <c>DefaultMaxBytes</c>); a limit in the request replaces the
/// default; a default of 0 is none. Through the real API, libpcap and a namespace with busybox httpd.
/// </summary>
public sealed class RecordingLimitDefaultsTests(NamespaceServer server) : IClassFixture<NamespaceServer>
{
    [Fact]
    public async Task WithoutMaxBytesInTheRequest_TheDefaultStopsTheSession()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        using var factory = new SnoopApiFactory(("Snoop:Recording:DefaultMaxBytes", "1"));
        var api = factory.CreateClient();
        var id = (await api.StartAsync(new { netns = server.Namespace.Name })).Id();
        await server.Client.GetStringAsync(NamespaceServer.HelloPath);

        var session = await api.WaitForStatusAsync(id, "stopped");
        Assert.Equal("maxBytes", session.GetProperty("stopReason").GetString());
        // No packet fits in one byte: the capture holds none.
        Assert.Equal(0, session.GetProperty("packets").GetInt64());
    }

    [Fact]
    public async Task WithoutMaxDurationSecondsInTheRequest_TheDefaultStopsTheSession()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        using var factory = new SnoopApiFactory(("Snoop:Recording:DefaultMaxDurationSeconds", "1"));
        var api = factory.CreateClient();
        var id = (await api.StartAsync(new { netns = server.Namespace.Name })).Id();

        var session = await api.WaitForStatusAsync(id, "stopped");
        Assert.Equal("maxDuration", session.GetProperty("stopReason").GetString());
        var lasted = session.GetProperty("endedAt").GetDateTimeOffset() - session.GetProperty("createdAt").GetDateTimeOffset();
        Assert.InRange(lasted, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("", "")]
    public async Task DefaultsOfZeroOrEmpty_AreNoLimit_AndLimitsInTheRequestReplaceTheDefaults(string defaultSeconds, string defaultBytes)
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        using var factory = new SnoopApiFactory(
            ("Snoop:Recording:DefaultMaxDurationSeconds", defaultSeconds), ("Snoop:Recording:DefaultMaxBytes", defaultBytes));
        var api = factory.CreateClient();
        var unlimited = (await api.StartAsync(new { netns = server.Namespace.Name })).Id();
        using var tight = new SnoopApiFactory(("Snoop:Recording:DefaultMaxBytes", "1"), ("Snoop:Recording:DefaultMaxDurationSeconds", "1"));
        var tightApi = tight.CreateClient();
        var requested = (await tightApi.StartAsync(new { netns = server.Namespace.Name, maxBytes = 1_000_000, maxDurationSeconds = 600 })).Id();

        await server.Client.GetStringAsync(NamespaceServer.HelloPath);
        await api.WaitForExchangesAsync(unlimited, 1);
        await tightApi.WaitForExchangesAsync(requested, 1);
        // Past a second of recording: the tight defaults would have stopped 'requested' by now.
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Equal("recording", (await api.GetJsonAsync($"/api/sessions/{unlimited}")).GetProperty("status").GetString());
        Assert.Equal("recording", (await tightApi.GetJsonAsync($"/api/sessions/{requested}")).GetProperty("status").GetString());
        Assert.Equal("requested", (await api.StopAsync(unlimited)).GetProperty("stopReason").GetString());
        Assert.Equal("requested", (await tightApi.StopAsync(requested)).GetProperty("stopReason").GetString());
    }
}
