using System.Globalization;
using System.Net;
using SnoopRecorder.Api.Retention;
using SnoopRecorder.Api.Tests.Recording;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Api.Tests.Retention;

/// <summary>
/// A live session on busybox httpd in a network namespace, with the data quota set just above what the data directory
/// holds when the service starts: the traffic it records takes the directory to the quota, and the session stops.
/// </summary>
public sealed class DataQuotaRecordingTests(NamespaceServer server) : IClassFixture<NamespaceServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task RecordingSessionReachingTheQuota_StopsAsDataQuota_KeepingWhatItRecorded()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        using var root = new SnoopApiFactory();

        // What the directory holds at start: sessions imported by an earlier run of the service without a quota.
        var (usageAtStart, _) = await EarlierSessions.ImportAsync(root, 3);

        // Just above it: 256 KiB below the point where new sessions are refused, and about a megabyte below the quota.
        var quota = Math.Max(RetentionOptions.MinMaxDataBytes, (usageAtStart + (256 << 10)) * 100 / DataQuota.NearLimitPercent);
        using var limited = root.WithWebHostBuilder(b => b.UseSetting("Snoop:MaxDataBytes", quota.ToString(CultureInfo.InvariantCulture)));
        var api = limited.CreateClient();
        Assert.Equal(3, (await api.GetJsonAsync("/api/sessions")).Items().Count);
        var id = (await api.StartAsync(new { netns = server.Namespace.Name, filter = $"tcp port {NamespaceServer.Port}" })).Id();

        var requests = 0;
        var deadline = DateTime.UtcNow + Patience;
        var session = await api.GetJsonAsync($"/api/sessions/{id}");
        while (session.GetProperty("status").GetString() == "recording")
        {
            Assert.True(DateTime.UtcNow < deadline, $"still recording after {requests} requests: {DataDirectoryFiles.Bytes(root.DataDirectory)} of {quota} bytes; {session}");
            for (var i = 0; i < 20; i++, requests++)
            {
                await server.Client.GetStringAsync(NamespaceServer.HelloPath);
            }

            session = await api.GetJsonAsync($"/api/sessions/{id}");
        }

        Assert.Equal("stopped", session.GetProperty("status").GetString());
        Assert.Equal("dataQuota", session.GetProperty("stopReason").GetString());
        Assert.True(session.GetProperty("error").ValueKind == System.Text.Json.JsonValueKind.Null, session.ToString());

        // What it recorded before it stopped stays queryable.
        var exchanges = session.GetProperty("exchanges").GetInt64();
        Assert.InRange(exchanges, 1, requests);
        var stored = 0;
        string? cursor = null;
        do
        {
            var page = await api.GetJsonAsync($"/api/exchanges?session={id}&limit=1000{(cursor is null ? "" : "&cursor=" + cursor)}");
            Assert.All(page.Items(), e => Assert.Equal(NamespaceServer.HelloPath, e.GetProperty("path").GetString()));
            stored += page.Items().Count;
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(exchanges, stored);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/sessions/{id}/pcap")).StatusCode);

        // The service goes on answering. (Whether a new session is refused now depends on how much of its WAL file
        // SQLite has given back since: DataQuotaNearLimitTests checks refusals on a directory that does not change.)
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health")).StatusCode);
    }
}
