using static SnoopRecorder.Http.Tests.TestSupport.Harness;

namespace SnoopRecorder.Http.Tests.TestSupport;

/// <summary>Well-formed connections used by several tests, realistically interleaved.</summary>
public static class Scripts
{
    public static readonly Step GetRequest = Step.Data(C, "GET /items?id=7 HTTP/1.1\r\nHost: shop.local\r\nAccept: */*\r\n\r\n");

    public static readonly Step LengthResponse = Step.Data(S, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world");

    public static readonly Step ChunkedPost = Step.Data(C,
        "POST /upload HTTP/1.1\r\nHost: shop.local\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5;name=\"first\"\r\nhello\r\n6 ; last\r\n world\r\n0;end=1\r\nX-Checksum: abc\r\nX-Count: 2\r\n\r\n");

    public static readonly Step ChunkedResponse = Step.Data(S,
        "HTTP/1.1 201 Created\r\nTransfer-Encoding: gzip, chunked\r\nContent-Encoding: gzip\r\n\r\n"
        + "a\r\n0123456789\r\n0\r\n\r\n");

    public static readonly Step HeadRequest = Step.Data(C, "HEAD /big HTTP/1.1\r\nHost: h\r\n\r\n");

    public static readonly Step HeadResponse = Step.Data(S, "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n");

    public static readonly Step ExpectRequestHead = Step.Data(C, "PUT /file HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");

    public static readonly Step ContinueResponse = Step.Data(S, "HTTP/1.1 100 Continue\r\n\r\n");

    public static readonly Step ExpectRequestBody = Step.Data(C, "data");

    public static readonly Step NoContentResponse = Step.Data(S, "HTTP/1.1 204 No Content\r\n\r\n");

    public static IReadOnlyList<Step> KeepAlive =>
    [
        GetRequest, LengthResponse,
        ChunkedPost, ChunkedResponse,
        HeadRequest, HeadResponse,
        ExpectRequestHead, ContinueResponse, ExpectRequestBody, NoContentResponse,
    ];
}
