namespace SnoopRecorder.Http;

/// <summary>
/// Limits of the HTTP/1.x parser. Together they bound the memory one <see cref="HttpConversation"/> can hold,
/// whatever the traffic; <see cref="MemoryBudget"/> bounds what all of them hold together.
/// </summary>
public sealed class HttpParserOptions
{
    public const int DefaultMaxBodyBytes = 1 << 20;
    public const int DefaultMaxHeaderSectionBytes = 64 * 1024;
    public const int DefaultMaxHeaderCount = 1000;
    public const int DefaultMaxBufferedBytesPerSide = 1 << 20;
    public const int DefaultMaxPendingExchanges = 64;

    /// <summary>Stored body bytes per message; the real (decoded) size is still counted beyond it.</summary>
    public int MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>Bytes of a start line plus header section (and of a chunked trailer section); beyond it the message is malformed.</summary>
    public int MaxHeaderSectionBytes { get; init; } = DefaultMaxHeaderSectionBytes;

    /// <summary>Header (and trailer) field lines per message; beyond it the message is malformed.</summary>
    public int MaxHeaderCount { get; init; } = DefaultMaxHeaderCount;

    /// <summary>
    /// Bytes one side may hold while it waits for the other, e.g. server bytes whose request has not been parsed yet
    /// (a reordered capture). Past it the parser stops waiting and assumes a GET-like request.
    /// </summary>
    public int MaxBufferedBytesPerSide { get; init; } = DefaultMaxBufferedBytesPerSide;

    /// <summary>
    /// Exchanges held per conversation waiting for their response (pipelining depth). Past it the oldest is emitted
    /// without a response, so a one-sided capture cannot grow memory without bound.
    /// </summary>
    public int MaxPendingExchanges { get; init; } = DefaultMaxPendingExchanges;

    /// <summary>
    /// Bytes every conversation sharing these options may hold together (bodies and heads being parsed, exchanges
    /// waiting for their response, deferred input); null: only the limits per conversation apply.
    /// </summary>
    public HttpMemoryBudget? MemoryBudget { get; init; }
}
