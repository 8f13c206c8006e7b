using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SnoopRecorder.Api.Hosting;
using SnoopRecorder.Api.Tests.Recording;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Api.Tests;

/// <summary>
/// <c>GET /api/exchanges/stream</c> through the real pipeline: imports and a live recording store exchanges while a
/// client reads the stream.
/// </summary>
public sealed partial class ExchangeStreamTests
{
    /// <summary>Three exchanges, all to <see cref="PostUploadHost"/>.</summary>
    private const string PostUpload = "arkime/http-post-upload.pcap";

    private const string PostUploadHost = "192.168.57.14:8080";

    /// <summary>One exchange, to another host.</summary>
    private const string Head500 = "arkime/http-500-head.pcap";

    private const string DebugStreamLogs = "Logging:LogLevel:SnoopRecorder.Api.Exchanges.Streaming";

    [Fact]
    public async Task Stream_SendsExactlyTheMatchingExchangesStoredAfterItOpened_InIdOrder_AsTheListShowsThem()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        await client.ImportAsync(Corpus.PathOf(PostUpload)); // matches, but was stored before the stream opened

        using var stream = await EventStream.OpenAsync(client, $"/api/exchanges/stream?host={PostUploadHost}");
        Assert.Equal(3, stream.StartsAfter);
        await client.ImportAsync(Corpus.PathOf(Head500));
        var matching = (await client.ImportAsync(Corpus.PathOf(PostUpload))).GetProperty("id").GetString();

        var expected = (await client.GetJsonAsync($"/api/exchanges?session={matching}")).Items().OrderBy(Id).ToList();
        Assert.Equal(3, expected.Count);
        var events = await stream.ReadEventsAsync(expected.Count);
        Assert.All(events, e => Assert.Equal("exchange", e.Type));
        Assert.Equal(expected.Select(e => Id(e).ToString(CultureInfo.InvariantCulture)), events.Select(e => e.Id));
        Assert.All(expected.Zip(events), pair =>
            Assert.True(JsonElement.DeepEquals(pair.First, pair.Second.Data), $"event {pair.Second.Data} is not the list's {pair.First}"));
    }

    [Fact]
    public async Task LastEventId_ResumesRightAfterThatExchange_ThenFollowsNewOnes()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        var first = (await client.ImportAsync(Corpus.PathOf(PostUpload))).GetProperty("id").GetString();
        await client.ImportAsync(Corpus.PathOf(Head500));
        var stored = (await client.GetJsonAsync($"/api/exchanges?session={first}")).Items().Select(Id).Order().ToList();

        using var stream = await EventStream.OpenAsync(
            client, $"/api/exchanges/stream?host={PostUploadHost}", lastEventId: stored[0].ToString(CultureInfo.InvariantCulture));
        Assert.Equal(stored[0], stream.StartsAfter);
        var resumed = await stream.ReadEventsAsync(2);
        Assert.Equal(stored[1..], resumed.Select(e => Id(e.Data)));

        var second = (await client.ImportAsync(Corpus.PathOf(PostUpload))).GetProperty("id").GetString();
        var next = await stream.ReadEventsAsync(3);
        Assert.All(next, e => Assert.Equal(second, e.Data.GetProperty("sessionId").GetString()));
        Assert.Equal(next.Select(e => Id(e.Data)).Order(), next.Select(e => Id(e.Data)));
    }

    [Theory]
    [InlineData("status=abc", null, "status")]
    [InlineData("host=", null, "host")]
    [InlineData("order=desc", null, "order")]
    [InlineData("limit=10", null, "limit")]
    [InlineData("session=s&cursor=AAAA", null, "cursor")]
    [InlineData("", "abc", "Last-Event-ID")]
    [InlineData("", "-1", "Last-Event-ID")]
    public async Task InvalidParameter_Is400NamingIt(string query, string? lastEventId, string name)
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/exchanges/stream?{query}");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request);

        Assert.Contains($"'{name}'", await response.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdleStream_SendsAKeepAliveComment_After15SecondsWithoutEvents()
    {
        var clock = new ManualClock();
        using var factory = new SnoopApiFactory();
        using var app = factory.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        using var client = app.CreateClient();
        using var stream = await EventStream.OpenAsync(client, "/api/exchanges/stream");
        Assert.Equal(0, stream.StartsAfter);

        for (var i = 0; i < 2; i++)
        {
            await clock.TimerCreatedAsync(TimeSpan.FromSeconds(15));
            clock.Advance(TimeSpan.FromSeconds(15));
            Assert.Equal(": keep-alive", await stream.ReadLineAsync());
            Assert.Equal("", await stream.ReadLineAsync());
        }

        await client.ImportAsync(Corpus.PathOf(Head500));
        var exchange = await stream.ReadEventAsync();
        Assert.Equal("HEAD", exchange.Data.GetProperty("method").GetString());
    }

    [Fact]
    public async Task ClientThatDisconnects_EndsItsStream_AndTheServiceGoesOnWithoutAnError()
    {
        var logs = new LogCapture();
        using var factory = new SnoopApiFactory((DebugStreamLogs, "Debug"));
        using var app = factory.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var client = app.CreateClient();

        var stream = await EventStream.OpenAsync(client, "/api/exchanges/stream");
        stream.Dispose();

        Assert.Contains("client gone", await logs.WaitForAsync(EventIds.ExchangeStreamEnded), StringComparison.Ordinal);
        await client.ImportAsync(Corpus.PathOf(Head500)); // a commit with nobody listening
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        using var next = await EventStream.OpenAsync(client, "/api/exchanges/stream?method=HEAD", lastEventId: "0");
        Assert.Equal("HEAD", (await next.ReadEventAsync()).Data.GetProperty("method").GetString());
        Assert.Empty(logs.Errors);
    }

    [Fact]
    public async Task Stream_EndsCleanlyWhenTheServiceStops()
    {
        var logs = new LogCapture();
        using var factory = new SnoopApiFactory((DebugStreamLogs, "Debug"));
        using var app = factory.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var client = app.CreateClient();
        using var stream = await EventStream.OpenAsync(client, "/api/exchanges/stream");

        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.Null(await stream.ReadLineAsync());
        Assert.Contains("service stopping", await logs.WaitForAsync(EventIds.ExchangeStreamEnded), StringComparison.Ordinal);
        Assert.Empty(logs.Errors);
    }

    [Fact]
    public async Task LiveSession_EachExchangeArrivesAsItIsRecorded_AndStatsCountWhatIsStoredSoFar()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        using var server = new NamespaceServer();
        using var factory = new SnoopApiFactory();
        using var api = factory.CreateClient();
        var id = (await api.StartAsync(new
        {
            netns = server.Namespace.Name,
            @interface = NetworkNamespaceFixture.NamespaceInterface,
            filter = $"tcp port {NamespaceServer.Port}",
        })).Id();
        using var stream = await EventStream.OpenAsync(api, $"/api/exchanges/stream?session={id}");

        Assert.Equal(NamespaceServer.HelloText, await server.Client.GetStringAsync(NamespaceServer.HelloPath));
        var hello = await stream.ReadEventAsync();
        Assert.Equal(NamespaceServer.HelloPath, hello.Data.GetProperty("path").GetString());
        Assert.Equal(200, hello.Data.GetProperty("status").GetInt32());

        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/missing")).StatusCode);
        var missing = await stream.ReadEventAsync();
        Assert.Equal(404, missing.Data.GetProperty("status").GetInt32());
        Assert.True(Id(missing.Data) > Id(hello.Data));

        var stats = await api.GetJsonAsync($"/api/sessions/{id}/stats");
        Assert.Equal("recording", stats.GetProperty("sessionStatus").GetString());
        var totals = stats.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("count").GetInt64());
        Assert.Equal(1, totals.GetProperty("statuses").GetProperty("2xx").GetInt64());
        Assert.Equal(1, totals.GetProperty("statuses").GetProperty("4xx").GetInt64());

        await api.StopAsync(id);
    }

    private static long Id(JsonElement exchange) => exchange.GetProperty("id").GetInt64();
}
