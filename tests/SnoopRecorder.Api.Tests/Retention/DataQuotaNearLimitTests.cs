using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using SnoopRecorder.Api.Retention;

namespace SnoopRecorder.Api.Tests.Retention;

/// <summary>
/// The service started on a data directory that already holds its quota (sessions of an earlier run): every new
/// session is refused with 507 before anything is looked up or stored, until sessions are deleted.
/// </summary>
public sealed class DataQuotaNearLimitTests
{
    [Fact]
    public async Task AtTheQuota_NewRecordingsAndImportsAre507BeforeAnythingElse_AndDeletingSessionsMakesRoom()
    {
        using var root = new SnoopApiFactory();
        var (usage, earlier) = await EarlierSessions.ImportAsync(root, 5);
        var quota = Math.Max(RetentionOptions.MinMaxDataBytes, usage);
        Assert.True(usage >= DataQuota.NearLimit(quota), $"the earlier sessions hold {usage} bytes, short of 95 % of {quota}");
        using var limited = root.WithWebHostBuilder(b => b.UseSetting("Snoop:MaxDataBytes", quota.ToString(CultureInfo.InvariantCulture)));
        var api = limited.CreateClient();
        var files = DataDirectoryFiles.SessionFiles(root.DataDirectory);

        // A namespace that does not exist would be 404: the quota is checked first, before the target is looked for.
        var recording = await api.PostAsJsonAsync("/api/sessions", new { netns = "snoop-no-such-namespace" });
        var detail = await recording.AssertProblemAsync(HttpStatusCode.InsufficientStorage);
        Assert.Matches(@"^the data directory holds \d+ bytes \(\d+\.\d MiB\), \d+(\.\d)? % of the ", detail);
        Assert.Contains($"of the {quota} bytes", detail);
        Assert.Contains("allowed (Snoop:MaxDataBytes), and new sessions are refused from 95 %", detail);
        Assert.Contains("delete sessions you no longer need (DELETE /api/sessions/{id}) or raise Snoop:MaxDataBytes", detail);

        var import = await api.PostFileAsync(Corpus.PathOf("arkime/http-simple-get.pcap"));
        Assert.Equal(detail, await import.AssertProblemAsync(HttpStatusCode.InsufficientStorage));
        Assert.Equal(earlier.Order(), (await api.GetJsonAsync("/api/sessions")).Items().Select(s => s.GetProperty("id").GetString()!).Order());
        Assert.Equal(files, DataDirectoryFiles.SessionFiles(root.DataDirectory));

        // Deleting one session gives its room back at once: imports are accepted, and a recording gets as far as
        // looking for its target.
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/sessions/{earlier[0]}")).StatusCode);
        Assert.Equal(1, (await api.ImportAsync(Corpus.PathOf("arkime/http-simple-get.pcap"))).GetProperty("exchanges").GetInt64());
        var lookedFor = await api.PostAsJsonAsync("/api/sessions", new { netns = "snoop-no-such-namespace" });
        Assert.Contains("snoop-no-such-namespace", await lookedFor.AssertProblemAsync(HttpStatusCode.NotFound));
    }
}
