namespace SnoopRecorder.Http.Parsing;

/// <summary>What a <see cref="HttpStreamParser"/> reports to the code that pairs requests with responses.</summary>
internal interface IHttpStreamListener
{
    /// <summary>A stream of unknown role found its first start line.</summary>
    void OnRoleDetected(HttpStreamParser parser, StreamRole role);

    /// <summary>A request head is whole (or was cut and is flagged): the request takes its place in the pipeline.</summary>
    void OnRequestHead(ParsedMessage request);

    /// <summary>
    /// A response head is whole: find its request. False (only when <paramref name="force"/> is false) means the
    /// request may not have been parsed yet and the parser should wait.
    /// </summary>
    bool TryPairResponse(ParsedMessage response, bool force, out string? requestMethod);

    /// <summary>
    /// True when the oldest unanswered request is an HTTP/0.9 one (no version): its response may be a bare body
    /// without a status line.
    /// </summary>
    bool AwaitsVersionlessResponse();

    /// <summary>The message is complete (or cut and flagged).</summary>
    void OnMessageComplete(HttpStreamParser parser, ParsedMessage message);
}
