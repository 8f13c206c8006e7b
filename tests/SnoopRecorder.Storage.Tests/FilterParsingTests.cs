using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Storage.Tests;

public sealed class FilterParsingTests
{
    [Theory]
    [InlineData("Example.COM", "example.com", null)]
    [InlineData("example.com:8080", "example.com", 8080)]
    [InlineData("10.0.0.1:81", "10.0.0.1", 81)]
    [InlineData("[2001:DB8::1]:443", "[2001:db8::1]", 443)]
    [InlineData("[::1]", "[::1]", null)]
    [InlineData("::1", "::1", null)]
    public void HostFilter_SplitsNameAndPort(string text, string name, int? port)
    {
        Assert.True(HostFilter.TryParse(text, out var filter));
        Assert.Equal(new HostFilter(name, port), filter);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("example.com:http")]
    [InlineData("example.com:0")]
    [InlineData("example.com:70000")]
    [InlineData(":80")]
    public void HostFilter_RejectsInvalidText(string text)
    {
        Assert.False(HostFilter.TryParse(text, out _));
    }

    [Theory]
    [InlineData("404", 404, 404)]
    [InlineData("5xx", 500, 599)]
    [InlineData("1XX", 100, 199)]
    public void StatusFilter_AcceptsCodesAndClasses(string text, int min, int max)
    {
        Assert.True(StatusFilter.TryParse(text, out var filter));
        Assert.Equal(new StatusFilter(min, max), filter);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("99")]
    [InlineData("4040")]
    [InlineData("6xx")]
    [InlineData("x04")]
    [InlineData("-40")]
    public void StatusFilter_RejectsAnythingElse(string text)
    {
        Assert.False(StatusFilter.TryParse(text, out _));
    }

    [Fact]
    public void PathFilter_TrailingStarMeansPrefix()
    {
        Assert.True(PathFilter.TryParse("/api/*", out var prefix));
        Assert.Equal(new PathFilter("/api/", IsPrefix: true), prefix);
        Assert.Equal("/api0", prefix!.UpperBound());
        Assert.True(PathFilter.TryParse("/api/x", out var exact));
        Assert.False(exact!.IsPrefix);
        Assert.False(PathFilter.TryParse("", out _));
    }

    [Fact]
    public void Cursor_RoundTripsAndRejectsGarbage()
    {
        var cursor = new ExchangeCursor(1_385_391_358_382_000_000, 42);

        Assert.True(ExchangeCursor.TryDecode(cursor.Encode(), out var decoded));
        Assert.Equal(cursor, decoded);
        Assert.False(ExchangeCursor.TryDecode("not a cursor!", out _));
        Assert.False(ExchangeCursor.TryDecode("AAAA", out _));
        Assert.False(ExchangeCursor.TryDecode(new string('A', 200), out _));
    }
}
