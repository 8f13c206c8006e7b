namespace SnoopRecorder.Http.Parsing;

/// <summary>How the end of a message body is found (RFC 9112 §6.3).</summary>
internal enum BodyFraming
{
    None,
    ContentLength,
    Chunked,
    CloseDelimited,

    /// <summary>The connection switches protocols after this message; nothing after it is HTTP/1.</summary>
    Tunnel,
}
