using System.Globalization;
using Microsoft.Net.Http.Headers;
using SnoopRecorder.Http.Content;

namespace SnoopRecorder.Api.Exchanges.Content;

/// <summary>
/// A stored body, as sent or decoded, with the message's Content-Type and headers saying how whole it is.
/// </summary>
/// <remarks>
/// Captured bodies are whatever the traffic held, HTML and scripts included; served from this origin they must not run
/// in a browser that opens the URL, hence <c>nosniff</c> and a sandboxing Content-Security-Policy.
/// </remarks>
internal sealed class BodyContentResult : IResult
{
    public const string FallbackContentType = "application/octet-stream";

    private BodyContentResult(ReadOnlyMemory<byte> content, string contentType, string? contentEncoding, List<KeyValuePair<string, string>> headers)
    {
        Content = content;
        ContentType = contentType;
        ContentEncoding = contentEncoding;
        Headers = headers;
    }

    public ReadOnlyMemory<byte> Content { get; }

    public string ContentType { get; }

    /// <summary>The Content-Encoding of the bytes sent (the stored body keeps the message's).</summary>
    public string? ContentEncoding { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The body as stored: the message's Content-Encoding still applies, and the response says so.</summary>
    public static BodyContentResult Stored(MessageBody body) =>
        new(body.Stored, ContentTypeOf(body), EncodingOf(body), DescribeStored(body));

    /// <summary>The body with its content codings undone as far as <paramref name="decoded"/> got.</summary>
    public static BodyContentResult Decoded(MessageBody body, DecodedContent decoded)
    {
        var headers = DescribeStored(body);
        if (EncodingOf(body) is { } encoding)
        {
            headers.Add(new(SnoopHeaders.ContentEncoding, encoding));
        }

        headers.Add(new(SnoopHeaders.DecodedTruncated, Flag(decoded.Truncated)));
        headers.Add(new(SnoopHeaders.DecodingFailed, Flag(decoded.Failed)));
        if (decoded.Error is { } error)
        {
            headers.Add(new(SnoopHeaders.DecodingError, error));
        }

        return new BodyContentResult(decoded.Data, ContentTypeOf(body), contentEncoding: null, headers);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = ContentType;
        response.ContentLength = Content.Length;
        if (ContentEncoding is not null)
        {
            response.Headers.ContentEncoding = ContentEncoding;
        }

        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "sandbox";
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        await response.Body.WriteAsync(Content, httpContext.RequestAborted);
    }

    private static List<KeyValuePair<string, string>> DescribeStored(MessageBody body) =>
    [
        new(SnoopHeaders.BodySize, body.Size.ToString(CultureInfo.InvariantCulture)),
        new(SnoopHeaders.BodyTruncated, Flag(body.Truncated)),
    ];

    /// <summary>The message's media type when it is one a response may carry, else <see cref="FallbackContentType"/>.</summary>
    private static string ContentTypeOf(MessageBody body) =>
        body.ContentType is { } type && IsVisibleAscii(type) && MediaTypeHeaderValue.TryParse(type, out _) ? type : FallbackContentType;

    private static string? EncodingOf(MessageBody body)
    {
        var value = string.Join(", ", body.ContentEncoding.Select(v => v.Trim()).Where(v => v.Length > 0));
        return value.Length > 0 && IsVisibleAscii(value) ? value : null;
    }

    // Header values go out as they came in, so they must be what Kestrel sends without complaint: no controls, no
    // bytes beyond ASCII.
    private static bool IsVisibleAscii(string value) => value.All(c => c is '\t' or >= ' ' and <= '~');

    private static string Flag(bool value) => value ? "true" : "false";
}
