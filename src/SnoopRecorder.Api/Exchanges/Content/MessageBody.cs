using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Exchanges.Content;

/// <summary>One side's stored body with what its message said about it.</summary>
internal sealed record MessageBody
{
    private const string ContentTypeHeader = "Content-Type";
    private const string ContentEncodingHeader = "Content-Encoding";

    /// <summary>The stored bytes: de-chunked, Content-Encoding kept, at most <c>Snoop:MaxBodyBytes</c>.</summary>
    public required ReadOnlyMemory<byte> Stored { get; init; }

    /// <summary>The body's real size on the wire after de-chunking, also beyond what was stored.</summary>
    public required long Size { get; init; }

    /// <summary>True when <see cref="Stored"/> is only the beginning of the body.</summary>
    public required bool Truncated { get; init; }

    /// <summary>The message's Content-Type (the last one when it sent several), or null.</summary>
    public string? ContentType { get; init; }

    /// <summary>The values of the message's Content-Encoding lines, in order.</summary>
    public IReadOnlyList<string> ContentEncoding { get; init; } = [];

    public static MessageBody Read(ExchangeRepository exchanges, ExchangeDetail detail, BodySide side)
    {
        var exchange = detail.Exchange;
        var headers = side == BodySide.Request ? detail.Headers.RequestHeaders : detail.Headers.ResponseHeaders;
        var size = side == BodySide.Request ? exchange.RequestBodySize : exchange.ResponseBodySize;
        return new MessageBody
        {
            // Nothing to read for an empty body: no query, no file access.
            Stored = size == 0 ? ReadOnlyMemory<byte>.Empty : exchanges.GetBody(exchange.Id, side),
            Size = size,
            Truncated = side == BodySide.Request ? exchange.RequestBodyTruncated : exchange.ResponseBodyTruncated,
            ContentType = headers.LastOrDefault(h => IsNamed(h, ContentTypeHeader))?.Value.Trim(),
            ContentEncoding = [.. headers.Where(h => IsNamed(h, ContentEncodingHeader)).Select(h => h.Value)],
        };
    }

    private static bool IsNamed(HeaderRecord header, string name) => string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase);
}
