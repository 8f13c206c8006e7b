using SnoopRecorder.Capture.Files;
using SnoopRecorder.Http.Model;
using SnoopRecorder.Analysis;

namespace SnoopRecorder.Capture.Tests.RealTraffic;

/// <summary>Checks shared by the real-traffic tests.</summary>
internal static class ExchangeAssertions
{
    public static void Request(AnalyzedExchange analyzed, string method, string target, string version = "HTTP/1.1")
    {
        var request = Assert.IsType<HttpRequestHead>(analyzed.Exchange.Request);
        Assert.Equal(method, request.Method);
        Assert.Equal(target, request.Target);
        Assert.Equal(version, request.Version);
    }

    public static HttpResponseHead Response(AnalyzedExchange analyzed, int status)
    {
        var response = Assert.IsType<HttpResponseHead>(analyzed.Exchange.Response);
        Assert.Equal(status, response.StatusCode);
        Assert.True(analyzed.Exchange.IsComplete, $"exchange has issues {analyzed.Exchange.Issues}");
        return response;
    }

    public static void Body(ReadOnlySpan<byte> expected, CapturedBody body)
    {
        Assert.Equal(expected.Length, body.Size);
        Assert.False(body.Truncated);
        Assert.True(expected.SequenceEqual(body.Data.Span), "body bytes differ from what was sent");
    }

    public static string? Header(IReadOnlyList<HttpHeader> headers, string name) =>
        headers.LastOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
}
