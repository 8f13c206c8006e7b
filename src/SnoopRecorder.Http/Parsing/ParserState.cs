namespace SnoopRecorder.Http.Parsing;

internal enum ParserState
{
    /// <summary>Between messages, or resynchronising: reading a line that may be a start line.</summary>
    StartLine,

    /// <summary>Dropping the rest of a line that cannot start a message.</summary>
    SkipLine,
    Head,

    /// <summary>A response head is whole but its request is not known yet; input is deferred.</summary>
    AwaitingPairing,
    LengthBody,
    ChunkedBody,
    CloseBody,

    /// <summary>The connection switched protocols: the rest is not HTTP/1 and is ignored.</summary>
    Tunnel,
    Ended,
}
