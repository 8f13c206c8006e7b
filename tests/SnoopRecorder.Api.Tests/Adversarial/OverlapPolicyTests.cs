using System.Text.Json;
using static SnoopRecorder.Api.Tests.Adversarial.AdversarialTraffic;

namespace SnoopRecorder.Api.Tests.Adversarial;

/// <summary>
/// Overlapping TCP segments that disagree about the bytes they carry (an IDS evasion: Suricata's bug-3286 captures,
/// Snort's "first" and "last" policies): the reassembler keeps the first copy it was given of every byte —
/// delivered already, or buffered out of order — and drops later copies that differ. The policy is in the README's
/// Limits; these tests prove it on the stored exchange. A differing copy of bytes still buffered is detected and the
/// exchange that holds them is flagged (<c>requestConflict</c>, still complete); one of bytes delivered already is not
/// (delivered bytes are not kept to compare with).
/// </summary>
public sealed class OverlapPolicyTests(AdversarialFixture fixture) : IClassFixture<AdversarialFixture>
{
    [Fact]
    public async Task ConflictingInOrderCopyOfBufferedBytes_TheFirstSeenBufferedCopyIsStored_AndOnlyThatExchangeIsFlagged()
    {
        var first = Get("/first-seen-kept");
        var conflicting = Get("/later-copy-lost");
        Assert.Equal(first.Length, conflicting.Length);

        var session = await fixture.ImportAsync("overlap-buffered", capture =>
        {
            var flow = capture.Flow(Client(1), Server).Open();
            flow.SendAt(fromClient: true, 4, first.AsSpan(4));          // ahead of a hole: buffered
            flow.SendAt(fromClient: true, 0, conflicting);              // fills the hole and overlaps with other bytes
            flow.Ack(byClient: false).ServerSends(Ok("which?"));
            flow.ClientSends(Get(AfterPath)).ServerSends(Ok("after")).Close();
            WriteControl(capture, 2);
        });

        Assert.Equal("completed", session.GetProperty("status").GetString());
        var id = session.GetProperty("id").GetString();
        var summaries = (await fixture.Client.GetJsonAsync($"/api/exchanges?session={id}")).Items();
        Assert.Equal(["/first-seen-kept", AfterPath, ControlPath], summaries.Select(e => e.GetProperty("uri").GetString()!));
        Assert.All(summaries, e => Assert.True(e.GetProperty("complete").GetBoolean()));
        Assert.Equal(["requestConflict"], Issues(summaries[0]));
        Assert.Empty(Issues(summaries[1]));
        Assert.Empty(Issues(summaries[2]));

        var exchange = await fixture.Client.GetJsonAsync($"/api/exchanges/{summaries[0].GetProperty("id").GetInt64()}");
        Assert.Equal("GET", exchange.GetProperty("method").GetString());
        Assert.Equal(200, exchange.GetProperty("status").GetInt32());
        Assert.True(exchange.GetProperty("complete").GetBoolean());
        Assert.Equal(["requestConflict"], Issues(exchange));
    }

    [Fact]
    public async Task ConflictingRetransmissionOfDeliveredBytes_TheFirstCopyIsStored_AndTheExchangeIsNotFlagged()
    {
        var first = Get("/delivered-kept");
        var rewritten = Get("/rewritten-lost");
        Assert.Equal(first.Length, rewritten.Length);

        var session = await fixture.ImportAsync("overlap-delivered", capture =>
        {
            var flow = capture.Flow(Client(1), Server).Open();
            flow.SendAt(fromClient: true, 0, first.AsSpan(0, 20));      // in order: delivered at once
            flow.SendAt(fromClient: true, 0, rewritten);                // the same range again, other bytes, and the rest
            flow.Ack(byClient: false).ServerSends(Ok("which?")).Close();
        });

        var exchange = await SingleExchangeAsync(session);
        var uri = exchange.GetProperty("uri").GetString();

        // The first 20 bytes ("GET /delivered-kept ") were delivered from the first copy; the bytes beyond them came
        // only in the second, so they are taken from it.
        Assert.Equal("/delivered-kept", uri);
        Assert.True(exchange.GetProperty("complete").GetBoolean());
        Assert.Empty(exchange.GetProperty("issues").EnumerateArray());
    }

    private static string[] Issues(JsonElement exchange) => [.. exchange.GetProperty("issues").EnumerateArray().Select(i => i.GetString()!)];

    private async Task<JsonElement> SingleExchangeAsync(JsonElement session)
    {
        Assert.Equal("completed", session.GetProperty("status").GetString());
        var id = session.GetProperty("id").GetString();
        var summary = Assert.Single((await fixture.Client.GetJsonAsync($"/api/exchanges?session={id}")).Items());
        Assert.Equal(200, summary.GetProperty("status").GetInt32());
        return await fixture.Client.GetJsonAsync($"/api/exchanges/{summary.GetProperty("id").GetInt64()}");
    }
}
