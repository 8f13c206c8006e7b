namespace SnoopRecorder.Http.Model;

/// <summary>The status line and header section of one HTTP/1.x response (RFC 9112 §4).</summary>
public sealed class HttpResponseHead
{
    /// <summary>"HTTP/1.1", "HTTP/1.0"; "HTTP/0.9" for a bare HTTP/0.9 response (a body with no status line).</summary>
    public required string Version { get; init; }

    /// <summary>The status code; 0 for an HTTP/0.9 response, which has none (RFC 9112 Appendix C.1).</summary>
    public required int StatusCode { get; init; }
    public required string Reason { get; init; }
    public required IReadOnlyList<HttpHeader> Headers { get; init; }

    /// <summary>Trailer fields of a chunked body, in order; empty when there were none.</summary>
    public IReadOnlyList<HttpHeader> Trailers { get; set; } = [];

    /// <summary>Packet time (Unix nanoseconds) of the first byte of the status line.</summary>
    public long StartedAtNs { get; init; }
}
