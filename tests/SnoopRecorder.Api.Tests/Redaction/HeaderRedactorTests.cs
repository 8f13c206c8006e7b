using SnoopRecorder.Api.Redaction;

namespace SnoopRecorder.Api.Tests.Redaction;

public sealed class HeaderRedactorTests
{
    private static readonly HeaderRedactor Redactor = new(["X-Auth-Token"]);

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz", "Basic [redacted]")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", "Bearer [redacted]")]
    [InlineData("Digest username=\"u\", realm=\"r\", nonce=\"n\", response=\"abc\"", "Digest [redacted]")]
    [InlineData("Negotiate  YIIG\tAAA", "Negotiate [redacted]")]
    [InlineData("  Bearer token", "Bearer [redacted]")]
    public void Authorization_KeepsTheSchemeAndHidesTheCredentials(string value, string stored)
    {
        Assert.Equal(stored, Redactor.Redact("Authorization", value));
        Assert.Equal(stored, Redactor.Redact("Proxy-Authorization", value));
    }

    [Theory]
    [InlineData("sk_live_4eC39HqLyjWDarjtT1zdp7dc")]
    [InlineData("Bearer")]
    [InlineData("Bearer   ")]
    [InlineData("user:pass@host token")]
    public void Authorization_WithoutASchemeBeforeTheCredentials_IsHiddenWhole(string value)
    {
        Assert.Equal("[redacted]", Redactor.Redact("Authorization", value));
    }

    [Theory]
    [InlineData("session=abc123; theme=dark", "session=[redacted]; theme=[redacted]")]
    [InlineData("a=1;b=2", "a=[redacted];b=[redacted]")]
    [InlineData("JSESSIONID=969AC5; JSESSIONID=400CC7", "JSESSIONID=[redacted]; JSESSIONID=[redacted]")]
    [InlineData("token=\"quoted value\"", "token=[redacted]")]
    [InlineData("b64=YWJj==; x=1", "b64=[redacted]; x=[redacted]")]
    [InlineData("a=1; ", "a=[redacted]; ")]
    public void Cookie_KeepsEachNameAndItsSeparatorsAndHidesEachValue(string value, string stored)
    {
        Assert.Equal(stored, Redactor.Redact("Cookie", value));
    }

    [Theory]
    [InlineData("langedit=; lang=", "langedit=; lang=")]
    [InlineData("security=low; PHPSESSID=; x=", "security=[redacted]; PHPSESSID=; x=")]
    public void Cookie_EmptyValues_StayEmpty(string value, string stored)
    {
        Assert.Equal(stored, Redactor.Redact("Cookie", value));
    }

    [Fact]
    public void Cookie_EmptyHeader_StaysEmpty()
    {
        Assert.Equal(string.Empty, Redactor.Redact("Cookie", string.Empty));
        Assert.Equal(string.Empty, Redactor.Redact("Authorization", string.Empty));
        Assert.Equal(string.Empty, Redactor.Redact("X-Auth-Token", string.Empty));
    }

    [Theory]
    [InlineData("abcdef0123456789", "[redacted]")]
    [InlineData("abcdef; theme=dark", "[redacted]; theme=[redacted]")]
    [InlineData("theme=dark; 0123secret", "theme=[redacted]; [redacted]")]
    public void Cookie_PieceWithoutEquals_IsAValueAndHiddenWhole(string value, string stored)
    {
        Assert.Equal(stored, Redactor.Redact("Cookie", value));
    }

    [Theory]
    [InlineData("session=abc; Path=/; HttpOnly", "session=[redacted]; Path=/; HttpOnly")]
    [InlineData(
        "trafic_ranking=xxxx; expires=Sun, 11-Jan-2037 14:00:00 GMT; path=/; domain=.xxxxxx.xx",
        "trafic_ranking=[redacted]; expires=Sun, 11-Jan-2037 14:00:00 GMT; path=/; domain=.xxxxxx.xx")]
    [InlineData("id=a3fWa;Max-Age=2592000;Secure;SameSite=Strict", "id=[redacted];Max-Age=2592000;Secure;SameSite=Strict")]
    [InlineData("id=a3fWa", "id=[redacted]")]
    [InlineData("id=; Max-Age=0; Path=/", "id=; Max-Age=0; Path=/")]
    [InlineData("nameless-value; Path=/", "[redacted]; Path=/")]
    [InlineData("a=1, b=2; Path=/", "a=[redacted]; Path=/")]
    public void SetCookie_KeepsTheNameAndTheAttributesAndHidesTheValue(string value, string stored)
    {
        Assert.Equal(stored, Redactor.Redact("Set-Cookie", value));
    }

    [Theory]
    [InlineData("AUTHORIZATION", "Bearer t", "Bearer [redacted]")]
    [InlineData("proxy-authorization", "Basic t", "Basic [redacted]")]
    [InlineData("cookie", "a=1", "a=[redacted]")]
    [InlineData("set-COOKIE", "a=1; Path=/", "a=[redacted]; Path=/")]
    [InlineData("x-auth-token", "k-123", "[redacted]")]
    [InlineData("X-AUTH-TOKEN", "k-123", "[redacted]")]
    [InlineData("x-api-key", "k-123", "[redacted]")]
    public void Names_AreComparedCaseInsensitively(string name, string value, string stored)
    {
        Assert.Equal(stored, Redactor.Redact(name, value));
    }

    [Fact]
    public void ConfiguredName_IsHiddenWhole_EvenWithASchemeOrCookieShape()
    {
        Assert.Equal("[redacted]", Redactor.Redact("X-Auth-Token", "Bearer abc"));
        Assert.Equal("[redacted]", Redactor.Redact("X-Auth-Token", "a=1; b=2"));
    }

    [Theory]
    [InlineData("Host", "example.com")]
    [InlineData("User-Agent", "curl/8.0")]
    [InlineData("X-Authorization-Hint", "Bearer abc")]
    [InlineData("Cookie2", "a=1")]
    public void OtherFields_AreStoredAsSent(string name, string value)
    {
        Assert.Equal(value, Redactor.Redact(name, value));
        Assert.False(Redactor.IsSecret(name));
    }

    [Fact]
    public void WithoutConfiguration_TheFiveDefaultsAreRedacted_TheServicesOwnKeyHeaderAmongThem()
    {
        var redactor = new HeaderRedactor([]);

        Assert.Equal(
            ["authorization", "cookie", "proxy-authorization", "set-cookie", "x-api-key"],
            redactor.Names.Select(n => n.ToLowerInvariant()).Order());
        Assert.Equal("[redacted]", redactor.Redact("X-Api-Key", "snoop_3q0Zk"));
        Assert.Equal("[redacted]", redactor.Redact("x-api-key", "Bearer snoop_3q0Zk"));
        Assert.Equal("t", redactor.Redact("X-Auth-Token", "t"));
    }
}
