using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Storage.Tests;

public sealed class ExchangeFilterParsingTests
{
    [Theory]
    [InlineData("*.Example.COM", "*.example.com", null, ".example.com")]
    [InlineData("*.example.com:8080", "*.example.com", 8080, ".example.com")]
    [InlineData("*.b.example.com", "*.b.example.com", null, ".b.example.com")]
    [InlineData("*.com", "*.com", null, ".com")]
    public void HostFilter_StarDotNameIsAWildcardForSubdomains(string text, string name, int? port, string suffix)
    {
        Assert.True(HostFilter.TryParse(text, out var filter));

        Assert.Equal(new HostFilter(name, port), filter);
        Assert.True(filter!.IsWildcard);
        Assert.Equal(suffix, filter.Suffix);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*.")]
    [InlineData("*..com")]
    [InlineData("**.example.com")]
    [InlineData("*example.com")]
    [InlineData("a.*.example.com")]
    [InlineData("example.*")]
    [InlineData("*.example.com:x")]
    public void HostFilter_RejectsAStarAnywhereButAsTheWholeFirstLabel(string text)
    {
        Assert.False(HostFilter.TryParse(text, out _));
    }

    [Fact]
    public void HostFilter_PlainNameIsNotAWildcard()
    {
        Assert.True(HostFilter.TryParse("Example.com", out var filter));

        Assert.False(filter!.IsWildcard);
        Assert.Equal("example.com", filter.Suffix);
    }

    [Theory]
    [InlineData("/search?q=shoes", "/search?q=shoes", false, "/search", false)]
    [InlineData("/search?q=*", "/search?q=", true, "/search", false)]
    [InlineData("/search?*", "/search?", true, "/search", false)]
    [InlineData("/api/*", "/api/", true, "/api/", true)]
    [InlineData("/api", "/api", false, "/api", false)]
    public void UriFilter_ImpliesThePathOfAnOriginFormTarget(string text, string value, bool isPrefix, string path, bool pathIsPrefix)
    {
        Assert.True(UriFilter.TryParse(text, out var filter));

        Assert.Equal(new UriFilter(value, isPrefix), filter);
        Assert.Equal(new PathFilter(path, pathIsPrefix), filter!.ImpliedPath());
    }

    [Theory]
    [InlineData("http://example.com/a?b")]
    [InlineData("http://example.com/*")]
    [InlineData("example.com:443")]
    [InlineData("*")]
    public void UriFilter_ImpliesNothingForOtherForms(string text)
    {
        Assert.True(UriFilter.TryParse(text, out var filter));

        Assert.Null(filter!.ImpliedPath());
    }

    [Fact]
    public void UriFilter_RejectsEmptyText()
    {
        Assert.False(UriFilter.TryParse("", out _));
        Assert.False(UriFilter.TryParse(null, out _));
    }

    [Theory]
    [InlineData("GET", new[] { "GET" })]
    [InlineData("GET,POST", new[] { "GET", "POST" })]
    [InlineData("GET, POST ,PUT", new[] { "GET", "POST", "PUT" })]
    [InlineData("POST,GET,POST", new[] { "POST", "GET" })]
    [InlineData("RPC_IN_DATA,get", new[] { "RPC_IN_DATA", "get" })]
    public void MethodFilter_TakesOneOrACommaListOfTokens(string text, string[] methods)
    {
        Assert.True(MethodFilter.TryParse(text, out var filter));

        Assert.Equal(methods, filter!.Methods);
        Assert.Equal(new MethodFilter(methods), filter);
    }

    [Theory]
    [InlineData("")]
    [InlineData(",")]
    [InlineData("GET,")]
    [InlineData(",GET")]
    [InlineData("GET,,POST")]
    [InlineData("GE T")]
    [InlineData("GET;POST")]
    [InlineData("GET/1")]
    public void MethodFilter_RejectsEmptyItemsAndNonTokens(string text)
    {
        Assert.False(MethodFilter.TryParse(text, out _));
    }

    [Fact]
    public void MethodFilter_RejectsMoreThanTheMaximum()
    {
        var methods = Enumerable.Range(0, MethodFilter.MaxMethods + 1).Select(i => $"M{i}").ToList();

        Assert.True(MethodFilter.TryParse(string.Join(',', methods.Take(MethodFilter.MaxMethods)), out _));
        Assert.False(MethodFilter.TryParse(string.Join(',', methods), out _));
    }

    [Fact]
    public void StatusFilter_TakesCodesClassesRangesAndNoneInOneList()
    {
        Assert.True(StatusFilter.TryParse("404,5xx, 300-302,NONE", out var filter));

        Assert.Equal([new StatusRange(404, 404), new StatusRange(500, 599), new StatusRange(300, 302)], filter!.Ranges);
        Assert.True(filter.IncludesNone);
        Assert.Equal(new StatusFilter([new(404, 404), new(500, 599), new(300, 302)], includesNone: true), filter);
    }

    [Theory]
    [InlineData("none", 0)]
    [InlineData("400-499", 1)]
    [InlineData("404-404", 1)]
    [InlineData("100-999", 1)]
    public void StatusFilter_AcceptsNoneAloneAndRanges(string text, int ranges)
    {
        Assert.True(StatusFilter.TryParse(text, out var filter));

        Assert.Equal(ranges, filter!.Ranges.Count);
        Assert.Equal(text == "none", filter.IncludesNone);
    }

    [Theory]
    [InlineData("400-")]
    [InlineData("-499")]
    [InlineData("499-400")]
    [InlineData("100-1000")]
    [InlineData("4xx-5xx")]
    [InlineData("404,")]
    [InlineData("nothing")]
    [InlineData("404 500")]
    [InlineData("+404")]
    public void StatusFilter_RejectsMalformedItems(string text)
    {
        Assert.False(StatusFilter.TryParse(text, out _));
    }

    [Fact]
    public void StatusFilter_RejectsMoreThanTheMaximumItems()
    {
        Assert.True(StatusFilter.TryParse(string.Join(',', Enumerable.Repeat("404", StatusFilter.MaxItems)), out _));
        Assert.False(StatusFilter.TryParse(string.Join(',', Enumerable.Repeat("404", StatusFilter.MaxItems + 1)), out _));
    }

    [Theory]
    [InlineData("2026-11-26T09:20:25Z", 1_795_684_825_000_000_000)]
    [InlineData("2026-11-26t09:20:25z", 1_795_684_825_000_000_000)]
    [InlineData("2026-11-26T10:20:25.5+01:00", 1_795_684_825_500_000_000)]
    [InlineData("2026-11-26T03:50:25-05:30", 1_795_684_825_000_000_000)]
    [InlineData("2026-11-26T09:20:25.123456789Z", 1_795_684_825_123_456_789)]
    [InlineData("2026-11-26T09:20:25,25Z", 1_795_684_825_250_000_000)]
    [InlineData("1970-01-01T00:00:00Z", 0)]
    public void UnixInstant_ParsesIso8601WithAnOffsetToNanoseconds(string text, long expected)
    {
        Assert.True(UnixInstant.TryParse(text, out var ns));

        Assert.Equal(expected, ns);
    }

    [Theory]
    [InlineData("2026-11-26T09:20:25")]
    [InlineData("2026-11-26")]
    [InlineData("2026-11-26 09:20:25Z")]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("2026-11-26T24:00:00Z")]
    [InlineData("2026-11-26T09:20:25+01:75")]
    [InlineData("2026-11-26T09:20:25+15:00")]
    [InlineData("2026-11-26T09:20:25.1234567891Z")]
    [InlineData("2026-11-26T09:20:25Z\n")]
    [InlineData("٢٠٢٦-11-26T09:20:25Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("1600-01-01T00:00:00Z")]
    [InlineData("yesterday")]
    public void UnixInstant_RejectsTextWithoutAnOffsetOrOutOfRange(string text)
    {
        Assert.False(UnixInstant.TryParse(text, out _));
    }

    [Theory]
    [InlineData("250", 250_000_000)]
    [InlineData("1.5", 1_500_000)]
    [InlineData("0", 0)]
    [InlineData("0.0000001", 1)]
    [InlineData("2.529", 2_529_000)]
    public void DurationFilter_ParsesMillisecondsToNanosecondsRoundingUp(string text, long ns)
    {
        Assert.True(DurationFilter.TryParseMilliseconds(text, out var filter));

        Assert.Equal(new DurationFilter(ns), filter);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData("1,5")]
    [InlineData(" 1")]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    public void DurationFilter_RejectsAnythingButANonNegativeDecimal(string text)
    {
        Assert.False(DurationFilter.TryParseMilliseconds(text, out _));
    }

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1", null)]
    [InlineData("10.0.0.1:8080", "10.0.0.1", 8080)]
    [InlineData("2001:DB8::1", "2001:db8::1", null)]
    [InlineData("[2001:db8::1]:443", "2001:db8::1", 443)]
    [InlineData("[::1]", "::1", null)]
    [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1", null)]
    [InlineData("::ffff:10.0.0.1", "::ffff:10.0.0.1", null)]
    [InlineData("::a00:1", "::a00:1", null)]
    [InlineData("fd00:6::1a", "fd00:6::1a", null)]
    public void EndpointFilter_ParsesAnAddressAndOptionalPortIntoTheStoredForm(string text, string ip, int? port)
    {
        Assert.True(EndpointFilter.TryParse(text, out var filter));

        Assert.Equal(new EndpointFilter(ip, port), filter);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0")]
    [InlineData("10.1")]
    [InlineData("10.0.0.256")]
    [InlineData("0x0a.0.0.1")]
    [InlineData("10.0.0.1:0")]
    [InlineData("10.0.0.1:65536")]
    [InlineData("10.0.0.1:")]
    [InlineData("[10.0.0.1]:80")]
    [InlineData("fe80::1%eth0")]
    [InlineData("[::1")]
    [InlineData("[::1]80")]
    [InlineData("example.com")]
    public void EndpointFilter_RejectsAnythingButAnAddress(string text)
    {
        Assert.False(EndpointFilter.TryParse(text, out _));
    }

    [Fact]
    public void Cursor_RoundTripsItsOrderAndRejectsOtherFormats()
    {
        var descending = new ExchangeCursor(1_385_391_358_382_000_000, 42, ExchangeOrder.Descending);

        Assert.True(ExchangeCursor.TryDecode(descending.Encode(), out var decoded));
        Assert.Equal(descending, decoded);
        Assert.NotEqual(new ExchangeCursor(1, 2).Encode(), new ExchangeCursor(1, 2, ExchangeOrder.Descending).Encode());
        Assert.False(ExchangeCursor.TryDecode(Convert.ToBase64String(new byte[16]).TrimEnd('='), out _));
        var badOrder = new byte[17];
        badOrder[0] = 2;
        Assert.False(ExchangeCursor.TryDecode(Convert.ToBase64String(badOrder).TrimEnd('='), out _));
    }
}
