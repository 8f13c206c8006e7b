namespace SnoopRecorder.Http.Model;

/// <summary>The status line and header section of one HTTP/1.x response (RFC 9112 §4).</summary>
public sealed class HttpResponseHead
{
    public required string Version { get; init; }
    public required int StatusCode { get; init; }
    public required string Reason { get; init; }
    public required IReadOnlyList<HttpHeader> Headers { get; init; }

    /// <summary>Trailer fields of a chunked body, in order; empty when there were none.</summary>
    public IReadOnlyList<HttpHeader> Trailers { get; set; } = [];

    /// <summary>Packet time (Unix nanoseconds) of the first byte of the status line.</summary>
    public long StartedAtNs { get; init; }
}
