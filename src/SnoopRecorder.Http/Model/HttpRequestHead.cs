namespace SnoopRecorder.Http.Model;

/// <summary>The request line and header section of one HTTP/1.x request (RFC 9112 §3).</summary>
public sealed class HttpRequestHead
{
    public required string Method { get; init; }

    /// <summary>The request-target exactly as sent (origin-form, absolute-form, authority-form or asterisk-form).</summary>
    public required string Target { get; init; }

    /// <summary>"HTTP/1.1", "HTTP/1.0"; "HTTP/0.9" for a request line without a version.</summary>
    public required string Version { get; init; }

    public required IReadOnlyList<HttpHeader> Headers { get; init; }

    /// <summary>Trailer fields of a chunked body, in order; empty when there were none.</summary>
    public IReadOnlyList<HttpHeader> Trailers { get; set; } = [];
}
