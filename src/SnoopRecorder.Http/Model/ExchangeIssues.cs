namespace SnoopRecorder.Http.Model;

/// <summary>Why an exchange is not a clean, whole request/response pair. Several may apply.</summary>
[Flags]
public enum ExchangeIssues
{
    None = 0,

    /// <summary>Bytes of the request were never captured (a TCP gap that did not fill).</summary>
    RequestGap = 1 << 0,

    /// <summary>Bytes of the response were never captured.</summary>
    ResponseGap = 1 << 1,

    /// <summary>The connection ended (or the capture did) before the request was whole.</summary>
    RequestIncomplete = 1 << 2,

    /// <summary>The connection ended (or the capture did) before the response was whole.</summary>
    ResponseIncomplete = 1 << 3,

    /// <summary>No response was seen for this request.</summary>
    NoResponse = 1 << 4,

    /// <summary>A response was seen whose request was not captured (capture started mid-connection, or lost).</summary>
    NoRequest = 1 << 5,

    /// <summary>The request could not be parsed past some point; parsing resynchronised after it.</summary>
    RequestMalformed = 1 << 6,

    /// <summary>The response could not be parsed past some point.</summary>
    ResponseMalformed = 1 << 7,

    /// <summary>The request body exceeded the storage cap; the stored body is its beginning.</summary>
    RequestBodyTruncated = 1 << 8,

    /// <summary>The response body exceeded the storage cap.</summary>
    ResponseBodyTruncated = 1 << 9,

    /// <summary>Informational, not a fault: the connection switched protocols (Upgrade/101 or CONNECT 2xx); later bytes are not HTTP/1.</summary>
    Tunnel = 1 << 10,

    /// <summary>
    /// Some bytes of the request had two different copies in the capture (overlapping TCP segments); the first copy
    /// seen was kept. Not a fault of the capture: the request is whole, but which copy the server read cannot be known.
    /// </summary>
    RequestConflict = 1 << 11,

    /// <summary>
    /// Some bytes of the response had two different copies in the capture (overlapping TCP segments); the first copy
    /// seen was kept. The response is whole, but which copy the client read cannot be known.
    /// </summary>
    ResponseConflict = 1 << 12,

    /// <summary>Issues that make an exchange incomplete (everything except truncation by the cap, tunnels and conflicts).</summary>
    IncompleteMask = RequestGap | ResponseGap | RequestIncomplete | ResponseIncomplete | NoResponse | NoRequest | RequestMalformed | ResponseMalformed,
}
