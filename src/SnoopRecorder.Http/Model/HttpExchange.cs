namespace SnoopRecorder.Http.Model;

/// <summary>
/// One HTTP/1.x request paired with its final response, as seen on one TCP connection.
/// Either side may be missing (see <see cref="Issues"/>); interim 1xx responses are kept apart.
/// </summary>
public sealed class HttpExchange
{
    /// <summary>Which side of the TCP connection was the HTTP client.</summary>
    public required ConversationSide ClientSide { get; init; }

    public HttpRequestHead? Request { get; init; }
    public CapturedBody RequestBody { get; init; } = CapturedBody.Empty;

    /// <summary>The final (non-1xx) response; null when none was seen.</summary>
    public HttpResponseHead? Response { get; init; }
    public CapturedBody ResponseBody { get; init; } = CapturedBody.Empty;

    /// <summary>1xx responses that came before the final one (100 Continue, 103 Early Hints).</summary>
    public IReadOnlyList<HttpResponseHead> InterimResponses { get; init; } = [];

    /// <summary>Packet time (Unix ns) of the first request byte (of the first response byte when there is no request).</summary>
    public required long StartedAtNs { get; init; }

    /// <summary>Packet time (Unix ns) of the last response byte (of the last request byte when there is no response).</summary>
    public required long EndedAtNs { get; init; }

    /// <summary>Index (0-based, in capture order) of the first packet that carried a byte of this exchange.</summary>
    public required long FirstPacketIndex { get; init; }

    /// <summary>Index of the last packet that carried a byte of this exchange.</summary>
    public required long LastPacketIndex { get; init; }

    public ExchangeIssues Issues { get; init; }

    public bool IsComplete => (Issues & ExchangeIssues.IncompleteMask) == 0;
}
