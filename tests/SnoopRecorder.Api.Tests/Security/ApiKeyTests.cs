using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Security;
using SnoopRecorder.Api.Tests.Recording;

namespace SnoopRecorder.Api.Tests.Security;

public sealed partial class ApiKeyTests
{
    [Fact]
    public async Task EveryApiEndpoint_WithoutTheKey_Answers401AndTheSameWithAWrongKey()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Route: e.RoutePattern.RawText!)))
            .ToList();
        Assert.True(routes.Count >= 10, $"only {routes.Count} /api routes found");

        foreach (var (method, route) in routes)
        {
            var path = RouteParameter().Replace(route, "1");
            foreach (var key in new[] { null, "wrong-key-0123456789abcdef" })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (key is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                }

                var response = await client.SendAsync(request);
                var detail = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
                Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
                // The same words whether the key was missing or wrong: nothing for a guesser to go by.
                Assert.Equal("Send the service's API key as 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'.", detail);
            }
        }
    }

    [Theory]
    [InlineData("Authorization", "Bearer " + SnoopApiFactory.ApiKey)]
    [InlineData("Authorization", "bearer " + SnoopApiFactory.ApiKey)]
    [InlineData("X-Api-Key", SnoopApiFactory.ApiKey)]
    public async Task TheKey_InEitherHeader_IsAccepted(string header, string value)
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        client.DefaultRequestHeaders.TryAddWithoutValidation(header, value);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/sessions")).StatusCode);
    }

    [Fact]
    public async Task AWrongKey_InXApiKey_Is401WithTheBodyOfAWrongBearerKey()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/sessions");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-key-0123456789abcdef");
        using var header = new HttpRequestMessage(HttpMethod.Get, "/api/sessions");
        header.Headers.Add("X-Api-Key", "wrong-key-0123456789abcdef");

        using var refusedBearer = await client.SendAsync(bearer);
        using var refusedHeader = await client.SendAsync(header);

        var expected = await refusedBearer.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(expected, await refusedHeader.AssertProblemAsync(HttpStatusCode.Unauthorized));
        // Every member but the request's own trace id is the same.
        Assert.Equal(await ProblemWithoutTraceIdAsync(refusedBearer), await ProblemWithoutTraceIdAsync(refusedHeader));
        Assert.Equal("Bearer", refusedHeader.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("api_key")]
    [InlineData("apiKey")]
    [InlineData("key")]
    [InlineData("access_token")]
    public async Task TheRightKey_InTheQueryString_Is401(string parameter)
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;

        using var response = await client.GetAsync($"/api/sessions?{parameter}={Uri.EscapeDataString(SnoopApiFactory.ApiKey)}");

        Assert.Equal(
            "Send the service's API key as 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'.",
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task HealthAndTheOpenApiDocument_NeedNoKey_AndTheDocumentDeclaresIt()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var document = await client.GetJsonAsync("/openapi/v1.json");
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("apiKeyHeader").GetProperty("name").GetString());
        Assert.Equal(2, document.GetProperty("security").GetArrayLength());
    }

    [Fact]
    public async Task KeyFile_HoldsTheKey()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "  key-from-a-secret-file-42\n");
            using var factory = new SnoopApiFactory(("Snoop:ApiKeyFile", file));
            using var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "key-from-a-secret-file-42");

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/sessions")).StatusCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("Snoop:ApiKey", "short", "at least 16 characters")]
    [InlineData("Snoop:ApiKeyFile", "/nonexistent/snoop-key", "/nonexistent/snoop-key")]
    public void BadKeySettings_StopTheServiceAtStartNamingThem(string key, string value, string expected)
    {
        using var factory = new SnoopApiFactory((key, value));

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task AuthenticationNone_OnLoopback_ServesWithoutAKey()
    {
        using var factory = new SnoopApiFactory(("Snoop:Authentication", "None"), ("urls", "http://127.0.0.1:5999;http://[::1]:5999;http://localhost:5999"));
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/sessions")).StatusCode);
    }

    [Theory]
    [InlineData("urls", "http://0.0.0.0:5080")]
    [InlineData("urls", "http://127.0.0.1:5080;http://*:5081")]
    [InlineData("urls", "http://+:5080")]
    [InlineData("urls", "http://192.0.2.10:5080")]
    [InlineData("http_ports", "5080")]
    [InlineData("Kestrel:Endpoints:Public:Url", "http://[::]:5080")]
    public void AuthenticationNone_BeyondLoopback_IsRefusedAtStart(string key, string value)
    {
        using var factory = new SnoopApiFactory(("Snoop:Authentication", "None"), (key, value));

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("only on loopback addresses", error.Message);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("rebind.attacker.test:5080")]
    public async Task ARequestNamingAnotherHost_IsRefused(string host)
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sessions");
        request.Headers.Host = host;

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task WithoutAConfiguredKey_TheServiceMakesOneShowsItOnceAndKeepsOnlyItsHash()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "snoop-api-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string key;
            using (var first = await ServiceProcess.StartUnconfiguredAsync(dataDirectory))
            {
                key = GeneratedKey().Match(first.Output) is { Success: true } match
                    ? match.Groups[1].Value
                    : throw new InvalidOperationException($"no key in the output: {first.Output}");
                Assert.Equal(HttpStatusCode.Unauthorized, (await first.Client.GetAsync("/api/sessions")).StatusCode);
                first.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                Assert.Equal(HttpStatusCode.OK, (await first.Client.GetAsync("/api/sessions")).StatusCode);
            }

            var hashFile = Path.Combine(dataDirectory, ApiKeyStore.HashFileName);
            var stored = await File.ReadAllTextAsync(hashFile);
            Assert.DoesNotContain(key, stored);
            Assert.Equal(Convert.ToHexStringLower(ApiKeyHash.Of(key)), stored.Trim());
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(hashFile));

            using var restarted = await ServiceProcess.StartUnconfiguredAsync(dataDirectory);
            restarted.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            Assert.Equal(HttpStatusCode.OK, (await restarted.Client.GetAsync("/api/sessions")).StatusCode);
            Assert.DoesNotMatch(GeneratedKey(), restarted.Output);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<string> ProblemWithoutTraceIdAsync(HttpResponseMessage response) =>
        string.Join(", ", (await response.JsonAsync()).EnumerateObject().Where(m => m.Name != "traceId").Select(m => $"{m.Name}={m.Value}"));

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"Generated the API key (snoop_[A-Za-z0-9_-]+)")]
    private static partial Regex GeneratedKey();
}
