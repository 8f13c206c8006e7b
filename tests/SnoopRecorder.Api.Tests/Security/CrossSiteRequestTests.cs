using System.Net;
using System.Net.Http.Headers;

namespace SnoopRecorder.Api.Tests.Security;

/// <summary>
/// With <c>Snoop:Authentication=None</c>, requests a web page of another site makes (it cannot read the answers, but
/// a multipart POST needs no preflight) are refused with 403 before they do anything; programs that send no
/// <c>Origin</c> and the service's own origin are served. With the API key, nothing changes.
/// </summary>
public sealed class CrossSiteRequestTests
{
    private const string Capture = "arkime/http-simple-get.pcap";

    /// <summary>What the test server sees as its own origin (scheme and Host of its requests).</summary>
    private const string OwnOrigin = "http://localhost";

    [Fact]
    public async Task WithoutAuthentication_AnImportFromAnotherOrigin_Is403_AndStoresNothing()
    {
        using var factory = Unauthenticated();
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(FormImport(("Origin", "http://evil.test")));

        var detail = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Origin: http://evil.test, not http://localhost", detail, StringComparison.Ordinal);
        Assert.Contains("Snoop:Authentication=None", detail, StringComparison.Ordinal);
        Assert.Empty((await client.GetJsonAsync("/api/sessions")).Items());
        Assert.Empty(factory.CaptureFiles());
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "null")]
    [InlineData("Origin", "https://localhost")]
    [InlineData("Origin", "http://localhost:5080")]
    [InlineData("Origin", "http://localhost.evil.test")]
    public async Task WithoutAuthentication_ARequestMarkedCrossSite_Is403_WhateverItsMethod(string header, string value)
    {
        using var factory = Unauthenticated();
        using var client = factory.CreateClient();

        using (var import = await client.SendAsync(FormImport((header, value))))
        {
            await import.AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        using var list = new HttpRequestMessage(HttpMethod.Get, "/api/sessions");
        list.Headers.TryAddWithoutValidation(header, value);
        await (await client.SendAsync(list)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Empty(factory.CaptureFiles());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(OwnOrigin, null)]
    [InlineData("HTTP://LOCALHOST:80", null)]
    [InlineData(OwnOrigin, "same-origin")]
    [InlineData(null, "none")]
    public async Task WithoutAuthentication_ProgramsAndTheServicesOwnOrigin_AreServed(string? origin, string? fetchSite)
    {
        using var factory = Unauthenticated();
        using var client = factory.CreateClient();
        var headers = new List<(string, string)>();
        if (origin is not null)
        {
            headers.Add(("Origin", origin));
        }

        if (fetchSite is not null)
        {
            headers.Add(("Sec-Fetch-Site", fetchSite));
        }

        using var response = await client.SendAsync(FormImport([.. headers]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Single((await client.GetJsonAsync("/api/sessions")).Items());
    }

    [Fact]
    public async Task WithoutAuthentication_EndpointsOutsideTheApi_AreNotChecked()
    {
        using var factory = Unauthenticated();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.TryAddWithoutValidation("Origin", "http://evil.test");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task WithTheApiKey_OriginIsNotChecked_TheKeyDecides()
    {
        using var factory = new SnoopApiFactory();
        using var keyed = factory.CreateClient();
        using var anonymous = factory.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = null;

        using (var withKey = await keyed.SendAsync(FormImport(("Origin", "http://evil.test"), ("Sec-Fetch-Site", "cross-site"))))
        {
            Assert.Equal(HttpStatusCode.Created, withKey.StatusCode);
        }

        using var withoutKey = await anonymous.SendAsync(FormImport(("Origin", "http://evil.test")));
        await withoutKey.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Single(factory.CaptureFiles());
    }

    private static SnoopApiFactory Unauthenticated() =>
        new(("Snoop:Authentication", "None"), ("urls", "http://127.0.0.1:5999"));

    /// <summary>What a page's form can send without a preflight: a multipart POST of a capture.</summary>
    private static HttpRequestMessage FormImport(params (string Name, string Value)[] headers)
    {
        var file = new ByteArrayContent(File.ReadAllBytes(Corpus.PathOf(Capture)));
        file.Headers.ContentType = new MediaTypeHeaderValue(ApiClient.PcapMediaType);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports")
        {
            Content = new MultipartFormDataContent { { file, "file", "traffic.pcap" } },
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}
