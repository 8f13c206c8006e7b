using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Security;

namespace SnoopRecorder.Api.Tests.Security;

/// <summary>
/// Stream tickets through the real pipeline: <c>POST /api/exchanges/stream/tickets</c> with the API key, then
/// <c>GET /api/exchanges/stream?ticket=…</c> without it, as a browser's EventSource does.
/// </summary>
public sealed partial class StreamTicketTests
{
    [Fact]
    public async Task CreatingATicket_Answers201WithAnOpaqueSingleUseTicketAndItsExpiry_NotToBeCached()
    {
        var clock = new SteppedClock();
        using var factory = new SnoopApiFactory();
        using var app = WithClock(factory, clock);
        using var keyed = app.CreateClient();

        using var response = await keyed.PostAsync(TicketsUrl, null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var body = await response.JsonAsync();
        var ticket = body.GetProperty("ticket").GetString()!;
        Assert.Matches("^[A-Za-z0-9_-]{43}$", ticket);
        Assert.Equal(StreamTicketStore.TicketBytes, Base64Url.DecodeFromChars(ticket).Length);
        var expiresAt = body.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - clock.GetUtcNow(), TimeSpan.FromSeconds(59.999), TimeSpan.FromSeconds(60));
        Assert.NotEqual(ticket, await CreateTicketAsync(keyed));
    }

    [Fact]
    public async Task ATicket_OpensTheStreamWithoutTheKey_AndTheStreamReceivesEvents()
    {
        using var factory = new SnoopApiFactory();
        using var keyed = factory.CreateClient();
        using var browser = Browser(factory);
        var ticket = await CreateTicketAsync(keyed);

        using var response = await GetStreamAsync(browser, $"method=HEAD&ticket={ticket}");
        using var stream = await AssertOpenedAsync(response);
        await keyed.ImportAsync(Corpus.PathOf(Head500));

        var exchange = await ReadEventDataAsync(stream);
        Assert.Equal("HEAD", exchange.GetProperty("method").GetString());
        Assert.Equal(500, exchange.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ATicket_UsedOnce_IsRefusedTheSecondTime_As401WithTheBodyOfAWrongKey()
    {
        using var factory = new SnoopApiFactory();
        using var keyed = factory.CreateClient();
        using var browser = Browser(factory);
        var ticket = await CreateTicketAsync(keyed);
        using (var first = await GetStreamAsync(browser, $"ticket={ticket}"))
        using (await AssertOpenedAsync(first))
        {
        }

        // What EventSource does when the stream breaks: the same URL again (with Last-Event-ID).
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/exchanges/stream?ticket={ticket}");
        again.Headers.Add("Last-Event-ID", "0");
        using var reconnect = await browser.SendAsync(again);

        await AssertRefusedAsAWrongKeyAsync(reconnect);
    }

    [Fact]
    public async Task ATicket_IsUsedUpByTheRequestThatPresentsIt_EvenWhenItsFiltersAreRefused()
    {
        using var factory = new SnoopApiFactory();
        using var keyed = factory.CreateClient();
        using var browser = Browser(factory);
        var ticket = await CreateTicketAsync(keyed);

        using var invalid = await GetStreamAsync(browser, $"status=abc&ticket={ticket}");
        Assert.Contains("'status'", await invalid.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);

        using var retried = await GetStreamAsync(browser, $"status=5xx&ticket={ticket}");
        await AssertRefusedAsAWrongKeyAsync(retried);
    }

    [Theory]
    [InlineData(null, 60)]
    [InlineData("5", 5)]
    [InlineData("600", 600)]
    public async Task ATicket_OpensTheStreamWithinItsLifetime_AndIs401OnceItHasPassed(string? configured, int seconds)
    {
        var clock = new SteppedClock();
        using var factory = configured is null ? new SnoopApiFactory() : new SnoopApiFactory(("Snoop:StreamTicketSeconds", configured));
        using var app = WithClock(factory, clock);
        using var keyed = app.CreateClient();
        using var browser = Browser(app);
        var early = await CreateTicketAsync(keyed);
        var late = await CreateTicketAsync(keyed);

        clock.Advance(TimeSpan.FromSeconds(seconds - 1));
        using (var opened = await GetStreamAsync(browser, $"ticket={early}"))
        using (await AssertOpenedAsync(opened))
        {
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        using var expired = await GetStreamAsync(browser, $"ticket={late}");
        await AssertRefusedAsAWrongKeyAsync(expired);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-ticket")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task AnUnknownTicket_Is401WithTheBodyOfAWrongKey(string ticket)
    {
        using var factory = new SnoopApiFactory();
        using var browser = Browser(factory);

        using var response = await GetStreamAsync(browser, $"ticket={ticket}");

        await AssertRefusedAsAWrongKeyAsync(response);
    }

    [Fact]
    public async Task TwoTicketsInOneRequest_Are401_AndNeitherIsUsedUp()
    {
        using var factory = new SnoopApiFactory();
        using var keyed = factory.CreateClient();
        using var browser = Browser(factory);
        var first = await CreateTicketAsync(keyed);
        var second = await CreateTicketAsync(keyed);

        using var both = await GetStreamAsync(browser, $"ticket={first}&ticket={second}");
        await AssertRefusedAsAWrongKeyAsync(both);

        using var opened = await GetStreamAsync(browser, $"ticket={second}");
        using var stream = await AssertOpenedAsync(opened);
    }

    [Fact]
    public async Task ATicket_OnAnyOtherEndpoint_Is401_AndIsNotUsedUpThere()
    {
        using var factory = new SnoopApiFactory();
        using var keyed = factory.CreateClient();
        using var browser = Browser(factory);
        var ticket = await CreateTicketAsync(keyed);
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Route: e.RoutePattern.RawText!)))
            .Where(r => (r.Method, r.Route) is not ("GET", "/api/exchanges/stream"))
            .ToList();
        Assert.Contains(("POST", TicketsUrl), routes);
        Assert.True(routes.Count >= 10, $"only {routes.Count} /api routes found");

        foreach (var (method, route) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"{RouteParameter().Replace(route, "1")}?ticket={ticket}");
            using var response = await browser.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {route}?ticket=: {(int)response.StatusCode}");
            await AssertRefusedAsAWrongKeyAsync(response);
        }

        using var opened = await GetStreamAsync(browser, $"ticket={ticket}");
        using var stream = await AssertOpenedAsync(opened);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-0123456789abcdef")]
    public async Task CreatingATicket_WithoutTheKey_Is401(string? key)
    {
        using var factory = new SnoopApiFactory();
        using var browser = Browser(factory);
        browser.DefaultRequestHeaders.Authorization = key is null ? null : new AuthenticationHeaderValue("Bearer", key);

        using var response = await browser.PostAsync(TicketsUrl, null);

        await AssertRefusedAsAWrongKeyAsync(response);
    }

    [Fact]
    public async Task TheKey_StillOpensTheStream_ButARequestWithATicketIsJudgedByItsTicketAlone()
    {
        using var factory = new SnoopApiFactory();
        using var keyed = factory.CreateClient();

        using (var withKey = await GetStreamAsync(keyed, "method=GET"))
        using (await AssertOpenedAsync(withKey))
        {
        }

        using var keyAndBadTicket = await GetStreamAsync(keyed, "method=GET&ticket=used-or-unknown");
        await AssertRefusedAsAWrongKeyAsync(keyAndBadTicket);
    }

    [Fact]
    public async Task The1001stOutstandingTicket_Is429_UntilOneIsUsedOrTheyExpire()
    {
        var clock = new SteppedClock();
        using var factory = new SnoopApiFactory();
        using var app = WithClock(factory, clock);
        using var keyed = app.CreateClient();
        using var browser = Browser(app);
        var tickets = new List<string>();
        for (var i = 0; i < StreamTicketStore.MaxOutstanding; i++)
        {
            tickets.Add(await CreateTicketAsync(keyed));
        }

        using (var refused = await keyed.PostAsync(TicketsUrl, null))
        {
            var detail = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Contains("1000 stream tickets are outstanding", detail, StringComparison.Ordinal);
            Assert.Contains("Snoop:StreamTicketSeconds", detail, StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        }

        // A ticket used makes room for one more.
        using (var opened = await GetStreamAsync(browser, $"ticket={tickets[0]}"))
        using (await AssertOpenedAsync(opened))
        {
        }

        await CreateTicketAsync(keyed);
        using (var full = await keyed.PostAsync(TicketsUrl, null))
        {
            await full.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        }

        // Expired tickets are swept when the store is full.
        clock.Advance(TimeSpan.FromSeconds(60));
        await CreateTicketAsync(keyed);
        using var stale = await GetStreamAsync(browser, $"ticket={tickets[1]}");
        await AssertRefusedAsAWrongKeyAsync(stale);
    }

    [Fact]
    public async Task TheTicket_AppearsInNoLogEntry_WithTheShippedLevelsAndTheServicesOwnLogsAtTrace()
    {
        var logs = new CapturedLogs();
        using var factory = new SnoopApiFactory(
            ("Logging:LogLevel:SnoopRecorder", "Trace"),
            ("Logging:LogLevel:Microsoft.AspNetCore.Authentication", "Trace"),
            ("Logging:LogLevel:Microsoft.AspNetCore.Authorization", "Trace"));
        using var app = factory.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var keyed = app.CreateClient();
        using var browser = Browser(app);
        var ticket = await CreateTicketAsync(keyed);

        using (var opened = await GetStreamAsync(browser, $"host=example.com&ticket={ticket}"))
        using (await AssertOpenedAsync(opened))
        {
        }

        using (var reused = await GetStreamAsync(browser, $"host=example.com&ticket={ticket}"))
        {
            await AssertRefusedAsAWrongKeyAsync(reused);
        }

        using (var elsewhere = await browser.GetAsync($"/api/sessions?ticket={ticket}"))
        {
            await AssertRefusedAsAWrongKeyAsync(elsewhere);
        }

        // The ticket scheme's own entries (success, then the refusal) were captured, and none names the ticket.
        var entries = logs.Entries;
        Assert.Contains(entries, e => e.Category == typeof(StreamTicketAuthenticationHandler).FullName && e.Message.Contains("was successfully authenticated", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Category == typeof(StreamTicketAuthenticationHandler).FullName && e.Message.Contains("unknown, used or expired stream ticket", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Message.Contains(ticket, StringComparison.Ordinal));
        // ASP.NET Core's request log ("Request starting GET …?ticket=…") is off at the shipped level (Microsoft.AspNetCore: Warning).
        Assert.DoesNotContain(entries, e => e.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesTheTicketEndpoint_AndTheStreamsTicketParameter()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();

        var paths = (await client.GetJsonAsync("/openapi/v1.json")).GetProperty("paths");

        var create = paths.GetProperty(TicketsUrl).GetProperty("post");
        Assert.Equal("CreateStreamTicket", create.GetProperty("operationId").GetString());
        Assert.False(string.IsNullOrEmpty(create.GetProperty("summary").GetString()));
        Assert.Equal("Exchanges", create.GetProperty("tags")[0].GetString());
        Assert.True(create.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(create.GetProperty("responses").TryGetProperty("429", out _));
        var stream = paths.GetProperty("/api/exchanges/stream").GetProperty("get");
        var ticket = stream.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "ticket");
        Assert.Equal("query", ticket.GetProperty("in").GetString());
        Assert.Contains("single-use", ticket.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(stream.GetProperty("responses").TryGetProperty("401", out _));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("4")]
    [InlineData("601")]
    public void StreamTicketSeconds_OutsideFiveTo600_StopsTheServiceAtStartNamingIt(string value)
    {
        using var factory = new SnoopApiFactory(("Snoop:StreamTicketSeconds", value));

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("Snoop:StreamTicketSeconds must be a whole number of seconds from 5 to 600", error.Message, StringComparison.Ordinal);
    }

    private static WebApplicationFactory<Program> WithClock(SnoopApiFactory factory, TimeProvider clock) =>
        factory.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton(clock)));

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex RouteParameter();
}
