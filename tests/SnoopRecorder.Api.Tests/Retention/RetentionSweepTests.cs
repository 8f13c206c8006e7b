using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SnoopRecorder.Api.Retention;
using SnoopRecorder.Api.Tests.Recording;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Api.Tests.Retention;

/// <summary>
/// <c>Snoop:RetentionDays</c>: sessions made through the real API, aged by moving their <c>created_at_ms</c> back in the
/// SQLite file, then one sweep run as the hourly timer runs it.
/// </summary>
public sealed class RetentionSweepTests(NamespaceServer server) : IClassFixture<NamespaceServer>
{
    private const string Capture = "arkime/http-simple-get.pcap";

    [Fact]
    public async Task Sweep_DeletesExactlyTheOldFinishedSessionsWithTheirFiles_KeepingRecentAndRecordingOnes()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        using var factory = new SnoopApiFactory(("Snoop:RetentionDays", "7"));
        var api = factory.CreateClient();
        var old = (await api.ImportAsync(Corpus.PathOf(Capture))).Id();
        var older = (await api.ImportAsync(Corpus.PathOf("arkime/http-content-gzip.pcap"))).Id();
        var withinRetention = (await api.ImportAsync(Corpus.PathOf(Capture))).Id();
        var recent = (await api.ImportAsync(Corpus.PathOf(Capture))).Id();
        var recording = (await api.StartAsync(new { netns = server.Namespace.Name })).Id();
        await server.Client.GetStringAsync(NamespaceServer.HelloPath);
        await api.WaitForExchangesAsync(recording, 1);
        Assert.NotEmpty(DataDirectoryFiles.FilesOf(factory.DataDirectory, old));
        Assert.NotEmpty(DataDirectoryFiles.FilesOf(factory.DataDirectory, older));

        SessionClock.MoveCreatedBack(factory.DataDirectory, TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1), old, recording);
        SessionClock.MoveCreatedBack(factory.DataDirectory, TimeSpan.FromDays(400), older);
        SessionClock.MoveCreatedBack(factory.DataDirectory, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), withinRetention);
        var sweeper = factory.Services.GetRequiredService<RetentionSweeper>();

        Assert.Equal(2, await sweeper.SweepAsync());

        foreach (var id in new[] { old, older })
        {
            await api.GetJsonAsync($"/api/sessions/{id}", HttpStatusCode.NotFound);
            Assert.Empty((await api.GetJsonAsync($"/api/exchanges?session={id}")).Items());
            Assert.Empty(DataDirectoryFiles.FilesOf(factory.DataDirectory, id));
        }

        Assert.Equal(
            new[] { withinRetention, recent, recording }.Order(),
            (await api.GetJsonAsync("/api/sessions")).Items().Select(s => s.Id()).Order());
        Assert.Equal("recording", (await api.GetJsonAsync($"/api/sessions/{recording}")).GetProperty("status").GetString());
        Assert.Single((await api.GetJsonAsync($"/api/exchanges?session={withinRetention}")).Items());

        // Once it has stopped, the old recording goes at the next sweep; a sweep with nothing to do deletes nothing.
        await api.StopAsync(recording);
        Assert.NotEmpty(DataDirectoryFiles.FilesOf(factory.DataDirectory, recording));
        Assert.Equal(1, await sweeper.SweepAsync());
        Assert.Empty(DataDirectoryFiles.FilesOf(factory.DataDirectory, recording));
        Assert.Equal(0, await sweeper.SweepAsync());
        Assert.Equal(
            new[] { withinRetention, recent }.Order(),
            (await api.GetJsonAsync("/api/sessions")).Items().Select(s => s.Id()).Order());
    }

    [Fact]
    public async Task WithoutRetentionDays_SessionsAreKeptHoweverOld()
    {
        using var factory = new SnoopApiFactory();
        var api = factory.CreateClient();
        var id = (await api.ImportAsync(Corpus.PathOf(Capture))).Id();
        SessionClock.MoveCreatedBack(factory.DataDirectory, TimeSpan.FromDays(36_500), id);

        Assert.Equal(0, await factory.Services.GetRequiredService<RetentionSweeper>().SweepAsync());

        Assert.Equal(id, (await api.GetJsonAsync($"/api/sessions/{id}")).Id());
        Assert.NotEmpty(DataDirectoryFiles.FilesOf(factory.DataDirectory, id));
    }

    [Fact]
    public async Task AtStart_TheServiceSweepsSessionsThatAgedWhileItWasStopped()
    {
        using var root = new SnoopApiFactory();
        string old;
        string recent;
        using (var first = root.WithWebHostBuilder(_ => { }))
        {
            var client = first.CreateClient();
            old = (await client.ImportAsync(Corpus.PathOf(Capture))).Id();
            recent = (await client.ImportAsync(Corpus.PathOf(Capture))).Id();
        }

        SessionClock.MoveCreatedBack(root.DataDirectory, TimeSpan.FromDays(31), old);
        using var restarted = root.WithWebHostBuilder(b => b.UseSetting("Snoop:RetentionDays", "30"));
        var api = restarted.CreateClient();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await api.GetAsync($"/api/sessions/{old}")).StatusCode != HttpStatusCode.NotFound)
        {
            Assert.True(DateTime.UtcNow < deadline, "the sweep at start did not delete the old session");
            await Task.Delay(100);
        }

        Assert.Equal(recent, Assert.Single((await api.GetJsonAsync("/api/sessions")).Items()).Id());
        Assert.Empty(DataDirectoryFiles.FilesOf(root.DataDirectory, old));
    }
}
