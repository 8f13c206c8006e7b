namespace SnoopRecorder.Http.Parsing;

internal enum ChunkedStatus
{
    NeedMore,

    /// <summary>The last chunk, the trailer section and its final line were read.</summary>
    Done,

    /// <summary>The input is not chunked coding (bad size, overflow, missing CRLF, oversized extension or trailers).</summary>
    Malformed,
}
