namespace SnoopRecorder.Http.Content;

/// <summary>A content coding this library can undo (RFC 9110 §8.4.1).</summary>
public enum ContentCoding
{
    /// <summary><c>identity</c>: no transformation.</summary>
    Identity,

    /// <summary><c>gzip</c> or <c>x-gzip</c>: one or more gzip members (RFC 1952).</summary>
    Gzip,

    /// <summary>
    /// <c>deflate</c>: a zlib stream (RFC 1950) as the standard says, or raw deflate data (RFC 1951) as some servers send.
    /// </summary>
    Deflate,

    /// <summary><c>br</c>: Brotli (RFC 7932).</summary>
    Brotli,
}
