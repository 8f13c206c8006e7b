namespace SnoopRecorder.Api.Exchanges.Content;

/// <summary>The response headers that describe a stored or decoded body.</summary>
internal static class SnoopHeaders
{
    /// <summary>The body's real size in bytes, also when only its beginning was stored.</summary>
    public const string BodySize = "X-Snoop-Body-Size";

    /// <summary><c>true</c> when the stored body is only the beginning of the real one (<c>Snoop:MaxBodyBytes</c>).</summary>
    public const string BodyTruncated = "X-Snoop-Body-Truncated";

    /// <summary>With <c>?decode=true</c>: the message's Content-Encoding, undone in this response.</summary>
    public const string ContentEncoding = "X-Snoop-Content-Encoding";

    /// <summary>With <c>?decode=true</c>: <c>true</c> when decoding stopped at <c>Snoop:MaxDecodedBodyBytes</c>.</summary>
    public const string DecodedTruncated = "X-Snoop-Decoded-Truncated";

    /// <summary>With <c>?decode=true</c>: <c>true</c> when the data was corrupt or ended early.</summary>
    public const string DecodingFailed = "X-Snoop-Decoding-Failed";

    /// <summary>With <c>?decode=true</c>, when decoding failed: what went wrong and where.</summary>
    public const string DecodingError = "X-Snoop-Decoding-Error";
}
