using SnoopRecorder.Api.Exchanges.Har;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Tests;

/// <summary>The parts of a HAR entry that are parsed out of the request: URL, query string, form parameters, cookies, file name.</summary>
public sealed class HarFormatTests
{
    [Fact]
    public void FormPairs_AreInOrderPercentDecodedWithPlusAsSpace()
    {
        var pairs = HarNameValues.FormPairs("q=shoes+red&size=42%2F43&flag&empty=&q=2&bad=%zz&utf=%C3%A9").ToList();

        Assert.Equal(
            [new("q", "shoes red"), new("size", "42/43"), new("flag", ""), new("empty", ""), new("q", "2"), new("bad", "%zz"), new("utf", "é")],
            pairs);
        Assert.Empty(HarNameValues.FormPairs(null));
    }

    [Fact]
    public void RequestCookies_SplitEveryCookieLineOnSemicolons()
    {
        var cookies = HarNameValues.RequestCookies(["a=1; b=x=y", "c=3;;flag"]).ToList();

        Assert.Equal([new("a", "1"), new("b", "x=y"), new("c", "3"), new("flag", "")], cookies);
    }

    [Fact]
    public void ResponseCookies_TakeTheNameAndValueOfEachSetCookie()
    {
        var cookies = HarNameValues.ResponseCookies(["sid=abc; Path=/; HttpOnly", "theme=dark", ""]).ToList();

        Assert.Equal([new("sid", "abc"), new("theme", "dark")], cookies);
    }

    [Theory]
    [InlineData("/a?b=1", "example.com:8080", "10.0.0.1", 8080, "http://example.com:8080/a?b=1")]
    [InlineData("/a", null, "10.0.0.1", 80, "http://10.0.0.1/a")]
    [InlineData("/a", null, "2001:db8::1", 8080, "http://[2001:db8::1]:8080/a")]
    [InlineData("http://proxied.example/x?y", "proxied.example", "10.0.0.1", 3128, "http://proxied.example/x?y")]
    [InlineData("example.com:443", "example.com:443", "10.0.0.1", 3128, "http://example.com:443/")]
    [InlineData(null, null, "10.0.0.1", 80, "http://10.0.0.1/")]
    public void Url_IsAbsoluteFromTheHostOrServerAndTheTarget(string? uri, string? host, string serverIp, int serverPort, string expected)
    {
        var exchange = new ExchangeRecord
        {
            SessionId = "s", ConnectionId = 1, ClientIp = "10.0.0.2", ClientPort = 40000, ServerIp = serverIp, ServerPort = serverPort,
            StartedNs = 0, EndedNs = 0, FirstPacketIndex = 0, LastPacketIndex = 0, Complete = true, Uri = uri, Host = host,
        };

        Assert.Equal(expected, HarUrl.Of(exchange));
    }

    [Theory]
    [InlineData("checkout bug", "checkout bug.har")]
    [InlineData("a/b\\c:\"d\"", "a_b_c__d_.har")]
    [InlineData("...", "session.har")]
    public void FileName_IsTheNameMadeSafe(string name, string expected) => Assert.Equal(expected, HarFileName.Of(name));

    [Fact]
    public void StartedDateTime_IsIsoUtcWithMilliseconds() =>
        Assert.Equal("2019-03-28T07:40:14.507Z", HarEntryWriter.StartedDateTime(1_553_758_814_507_791_000));
}
