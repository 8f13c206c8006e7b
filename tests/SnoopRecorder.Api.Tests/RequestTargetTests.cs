using SnoopRecorder.Api.Imports;

namespace SnoopRecorder.Api.Tests;

public sealed class RequestTargetTests
{
    [Theory]
    [InlineData("/a/b?x=1", "/a/b", "x=1", null)]
    [InlineData("/a/b", "/a/b", null, null)]
    [InlineData("/a?", "/a", "", null)]
    [InlineData("/a?b?c", "/a", "b?c", null)]
    [InlineData("http://h:81/a?b", "/a", "b", "h:81")]
    [InlineData("http://h", "/", null, "h")]
    [InlineData("http://h?q", "/", "q", "h")]
    [InlineData("https://user:pw@h.example/x#frag", "/x", null, "h.example")]
    [InlineData("http://[2001:db8::1]:8080/p", "/p", null, "[2001:db8::1]:8080")]
    [InlineData("example.com:443", null, null, "example.com:443")]
    [InlineData("*", "*", null, null)]
    public void Parse_SplitsEveryFormOfRequestTarget(string target, string? path, string? query, string? authority)
    {
        Assert.Equal(new RequestTarget(path, query, authority), RequestTarget.Parse(target));
    }

    [Fact]
    public void Parse_NoTarget_IsEmpty()
    {
        Assert.Equal(default, RequestTarget.Parse(null));
        Assert.Equal(default, RequestTarget.Parse(string.Empty));
    }
}
