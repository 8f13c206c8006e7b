using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Redaction;

namespace SnoopRecorder.Api.Tests.Redaction;

public sealed class RedactionOptionsTests
{
    [Theory]
    [InlineData("X-Api-Key")]
    [InlineData("x-amz-security-token")]
    [InlineData("Private-Token")]
    [InlineData("a!#$%&'*+-.^_`|~9")]
    public void Validate_HttpTokenNames_AreAccepted(string name)
    {
        Assert.Empty(Validate(new RedactionOptions { Headers = [name] }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("X Api Key")]
    [InlineData("X-Api-Key:")]
    [InlineData("Cookie,Token")]
    [InlineData("Ключ")]
    public void Validate_NamesThatAreNotTokens_AreRefusedNamingTheKeyAndTheName(string name)
    {
        var error = Assert.Single(Validate(new RedactionOptions { Headers = ["X-Ok", name] }));

        Assert.Contains("Snoop:Redaction:Headers", error.ErrorMessage);
        Assert.Contains($"'{name}'", error.ErrorMessage);
    }

    [Fact]
    public void InvalidConfiguredName_StopsTheServiceAtStart()
    {
        using var factory = new SnoopApiFactory(("Snoop:Redaction:Headers:0", "X Api Key"));

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("'X Api Key' is not a header field name", error.Message);
    }

    [Fact]
    public async Task ConfiguredNames_AreAddedToTheDefaults()
    {
        using var factory = new SnoopApiFactory(("Snoop:Redaction:Headers:0", "X-Auth-Token"), ("Snoop:Redaction:Headers:1", "X-Session-Token"));
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        var redactor = (HeaderRedactor)factory.Services.GetService(typeof(HeaderRedactor))!;

        Assert.Equal(
            ["authorization", "cookie", "proxy-authorization", "set-cookie", "x-api-key", "x-auth-token", "x-session-token"],
            redactor.Names.Select(n => n.ToLowerInvariant()).Order());
    }

    private static List<ValidationResult> Validate(RedactionOptions options) =>
        [.. options.Validate(new ValidationContext(options))];
}
