using System.Net;
using System.Text;
using System.Text.Json;

namespace SnoopRecorder.Api.Tests.Redaction;

/// <summary>
/// Secret header values are redacted before storage, so every output shows the redacted value: the exchange JSON, the
/// transcript and the HAR, on real captures from the corpus imported through the API.
/// </summary>
public sealed class RedactionApiTests : IDisposable
{
    // GET with "Authorization: Basic dXNlcnJycnI6cGFzc3dvcmRkZGRk" and a Cookie of five pairs, two of them empty.
    private const string BasicAuth = "arkime/http-basicauth.pcap";
    private const string BasicCredentials = "dXNlcnJycnI6cGFzc3dvcmRkZGRk";
    private const string BasicAuthCookie =
        "zzzzzzzzzzzzzzzzzz=[redacted]; cprelogin=[redacted]; cpsession=[redacted]; langedit=; lang=";

    // A Cookie request and a Set-Cookie response with expires, path and domain attributes.
    private const string CookieExchange = "arkime/http-no-length.pcap";

    // X-Forwarded-For in the request, a Set-Cookie with HttpOnly in the response.
    private const string ForwardedFor = "arkime/http-xff.pcap";

    private readonly SnoopApiFactory _factory = new(("Snoop:Redaction:Headers:0", "x-forwarded-for"));
    private readonly HttpClient _client;

    public RedactionApiTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Import_ByDefault_RedactsAuthorizationAndCookie_InTheExchangeTheTranscriptAndTheHar()
    {
        var session = await _client.ImportAsync(Corpus.PathOf(BasicAuth));
        var id = session.GetProperty("id").GetString()!;
        Assert.True(session.GetProperty("redacted").GetBoolean());
        Assert.True(session.GetProperty("packetsStored").GetBoolean());

        var exchange = await _client.OnlyExchangeAsync(id);
        var headers = exchange.GetProperty("requestHeaders");
        Assert.Equal("Basic [redacted]", headers.Single("Authorization"));
        Assert.Equal(BasicAuthCookie, headers.Single("Cookie"));
        Assert.Equal("Mozilla/5.0 (Windows NT 5.1; rv:32.0) Gecko/20100101 Firefox/32.0", headers.Single("User-Agent"));
        Assert.DoesNotContain(BasicCredentials, exchange.GetRawText(), StringComparison.Ordinal);

        var transcript = await _client.TranscriptAsync(exchange);
        Assert.Contains("\nAuthorization: Basic [redacted]\n", transcript, StringComparison.Ordinal);
        Assert.Contains($"\nCookie: {BasicAuthCookie}\n", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(BasicCredentials, transcript, StringComparison.Ordinal);

        var (harText, entry) = await _client.OnlyHarEntryAsync(id);
        var request = entry.GetProperty("request");
        Assert.Equal("Basic [redacted]", request.GetProperty("headers").Single("Authorization"));
        Assert.Equal(BasicAuthCookie, request.GetProperty("headers").Single("Cookie"));
        Assert.Equal(
            [("zzzzzzzzzzzzzzzzzz", "[redacted]"), ("cprelogin", "[redacted]"), ("cpsession", "[redacted]"), ("langedit", ""), ("lang", "")],
            Cookies(request));
        Assert.DoesNotContain(BasicCredentials, harText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ByDefault_RedactsSetCookieKeepingItsNameAndAttributes()
    {
        var id = (await _client.ImportAsync(Corpus.PathOf(CookieExchange))).GetProperty("id").GetString()!;
        const string setCookie = "trafic_ranking=[redacted]; expires=Sun, 11-Jan-2037 14:00:00 GMT; path=/; domain=.xxxxxx.xx";

        var exchange = await _client.OnlyExchangeAsync(id);
        Assert.Equal("trafic_ranking=[redacted]", exchange.GetProperty("requestHeaders").Single("Cookie"));
        Assert.Equal(setCookie, exchange.GetProperty("responseHeaders").Single("Set-Cookie"));

        Assert.Contains($"\nSet-Cookie: {setCookie}\n", await _client.TranscriptAsync(exchange), StringComparison.Ordinal);

        var (harText, entry) = await _client.OnlyHarEntryAsync(id);
        Assert.Equal([("trafic_ranking", "[redacted]")], Cookies(entry.GetProperty("request")));
        Assert.Equal([("trafic_ranking", "[redacted]")], Cookies(entry.GetProperty("response")));
        Assert.Equal(setCookie, entry.GetProperty("response").GetProperty("headers").Single("Set-Cookie"));
        Assert.DoesNotContain("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", harText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ConfiguredHeader_IsRedactedWholeInEveryOutput()
    {
        var id = (await _client.ImportAsync(Corpus.PathOf(ForwardedFor))).GetProperty("id").GetString()!;

        var exchange = await _client.OnlyExchangeAsync(id);
        Assert.Equal("[redacted]", exchange.GetProperty("requestHeaders").Single("X-Forwarded-For"));
        Assert.StartsWith("__cfduid=[redacted]; expires=", exchange.GetProperty("responseHeaders").Single("Set-Cookie"), StringComparison.Ordinal);
        Assert.EndsWith("; HttpOnly", exchange.GetProperty("responseHeaders").Single("Set-Cookie"), StringComparison.Ordinal);

        Assert.Contains("\nX-Forwarded-For: [redacted]\n", await _client.TranscriptAsync(exchange), StringComparison.Ordinal);
        var (harText, entry) = await _client.OnlyHarEntryAsync(id);
        Assert.Equal("[redacted]", entry.GetProperty("request").GetProperty("headers").Single("X-Forwarded-For"));
        Assert.DoesNotContain("10.000.000.03", harText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithRedactFalse_StoresTheOriginalValuesAndSaysSo()
    {
        var response = await _client.PostRawAsync(await File.ReadAllBytesAsync(Corpus.PathOf(BasicAuth)), url: "/api/imports?redact=false");
        var session = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = session.GetProperty("id").GetString()!;
        Assert.False(session.GetProperty("redacted").GetBoolean());
        Assert.False((await _client.GetJsonAsync($"/api/sessions/{id}")).GetProperty("redacted").GetBoolean());

        var exchange = await _client.OnlyExchangeAsync(id);
        Assert.Equal($"Basic {BasicCredentials}", exchange.GetProperty("requestHeaders").Single("Authorization"));
        Assert.StartsWith("zzzzzzzzzzzzzzzzzz=auto; cprelogin=no; cpsession=zzz", exchange.GetProperty("requestHeaders").Single("Cookie"), StringComparison.Ordinal);
        Assert.Contains($"\nAuthorization: Basic {BasicCredentials}\n", await _client.TranscriptAsync(exchange), StringComparison.Ordinal);
        var (_, entry) = await _client.OnlyHarEntryAsync(id);
        Assert.Equal($"Basic {BasicCredentials}", entry.GetProperty("request").GetProperty("headers").Single("Authorization"));
        Assert.Contains(("cprelogin", "no"), Cookies(entry.GetProperty("request")));
    }

    [Fact]
    public async Task Import_WithRedactFalse_LeavesOtherSessionsRedacted()
    {
        var plain = await _client.PostRawAsync(await File.ReadAllBytesAsync(Corpus.PathOf(BasicAuth)), url: "/api/imports?redact=FALSE");
        Assert.Equal(HttpStatusCode.Created, plain.StatusCode);
        var redacted = (await _client.ImportAsync(Corpus.PathOf(BasicAuth))).GetProperty("id").GetString()!;

        Assert.Equal("Basic [redacted]", (await _client.OnlyExchangeAsync(redacted)).GetProperty("requestHeaders").Single("Authorization"));
    }

    [Theory]
    [InlineData("redact", "maybe")]
    [InlineData("redact", "0")]
    [InlineData("storePackets", "no")]
    [InlineData("storePackets", "1")]
    public async Task Import_InvalidPrivacyParameter_Is400NamingItAndStoresNothing(string parameter, string value)
    {
        var response = await _client.PostRawAsync(
            await File.ReadAllBytesAsync(Corpus.PathOf(BasicAuth)), url: $"/api/imports?{parameter}={value}");

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal($"'{value}' is not a valid value for '{parameter}': it accepts true or false (the default is true)", detail);
        Assert.Empty(_factory.CaptureFiles());
        Assert.Empty((await _client.GetJsonAsync("/api/sessions")).Items());
    }

    [Theory]
    [InlineData("""{"host": true, "redact": "no"}""", "redact")]
    [InlineData("""{"host": true, "storePackets": 0}""", "storePackets")]
    public async Task StartRecording_NonBooleanPrivacyField_Is400NamingIt(string body, string field)
    {
        var response = await _client.PostAsync("/api/sessions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Contains(field, await response.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Empty(_factory.CaptureFiles());
    }

    private static List<(string Name, string Value)> Cookies(JsonElement message) =>
        [.. message.GetProperty("cookies").EnumerateArray().Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("value").GetString()!))];
}
