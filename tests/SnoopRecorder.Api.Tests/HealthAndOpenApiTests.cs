using System.Net;

namespace SnoopRecorder.Api.Tests;

public sealed class HealthAndOpenApiTests
{
    [Fact]
    public async Task Health_Answers200()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_NamesEveryRouteWithATag()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();

        var document = await client.GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        foreach (var (path, method) in new[]
                 {
                     ("/health", "get"), ("/api/imports", "post"), ("/api/sessions", "get"), ("/api/sessions", "post"),
                     ("/api/sessions/{id}", "get"), ("/api/sessions/{id}", "delete"), ("/api/sessions/{id}/stop", "post"),
                     ("/api/sessions/{id}/pcap", "get"), ("/api/exchanges", "get"), ("/api/exchanges/{id}", "get"),
                 })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("operationId").GetString()));
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
            Assert.NotEmpty(operation.GetProperty("tags").EnumerateArray());
        }
    }

    [Fact]
    public async Task ApiReferencePage_IsServedWithItsAssets_FromTheServiceItself()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();

        var page = await client.GetAsync("/swagger/index.html");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("swagger-ui-bundle.js", html);

        // The browser needs nothing from the internet: the script is the service's own.
        var script = await client.GetAsync("/swagger/swagger-ui-bundle.js");
        Assert.Equal(System.Net.HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000);
        var config = await client.GetStringAsync("/swagger/index.js");
        Assert.Contains("/openapi/v1.json", config);
    }

    [Fact]
    public async Task UnknownRoute_IsAProblem()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
