namespace SnoopRecorder.Http;

/// <summary>
/// The bytes all conversations of one analysis may hold together, whatever the traffic. Each conversation is bounded
/// on its own by <see cref="HttpParserOptions"/>, but the connection table holds up to 100,000 of them, so a capture
/// built for it (every connection with unfinished large bodies, or 64 requests waiting for their responses, or
/// deferred server bytes, or unfinished heads) could add up to gigabytes (measured: 400 connections with unfinished
/// bodies, 613 MB). This budget counts every byte the HTTP layer holds for the traffic, and says what gives way past it:
/// <list type="bullet">
/// <item>requests waiting for their response (heads as read on the wire, trailers, body arrays): charged until their
/// exchange is emitted. A conversation that needs room first emits its oldest pending exchange without a response,
/// as past <see cref="HttpParserOptions.MaxPendingExchanges"/> (<see cref="PendingExchangesEmitted"/>);</item>
/// <item>bodies being parsed: the body keeps its exact prefix and its exchange is flagged truncated, its size still
/// counted (<see cref="BodiesCut"/>);</item>
/// <item>input deferred while a response waits for its request: the parser stops waiting, as past
/// <see cref="HttpParserOptions.MaxBufferedBytesPerSide"/> (<see cref="WaitsGivenUp"/>);</item>
/// <item>a start line or header (trailer) section not whole yet: the message is flagged malformed with what was
/// read, and parsing resynchronises at the next line, as past <see cref="HttpParserOptions.MaxHeaderSectionBytes"/>
/// (<see cref="HeadsCut"/>).</item>
/// </list>
/// Every byte taken is given back when its exchange is emitted, its buffer reset, or its conversation closed, so
/// <see cref="Held"/> is 0 once every conversation is closed. Parsed heads are counted at their size on the wire (their
/// strings take up to twice that), and the few kilobytes each conversation keeps whatever its traffic (parser state,
/// a pooled line buffer) are bounded by the connection table, not here. Used by one analysing thread: not thread-safe.
/// </summary>
public sealed class HttpMemoryBudget(long maxBytes)
{
    /// <summary>256 MiB, the budget of every analysis (imports and live sessions).</summary>
    public const long DefaultMaxBytes = 256L << 20;

    /// <summary>The most bytes all conversations sharing the budget hold together.</summary>
    public long MaxBytes { get; } = maxBytes;

    /// <summary>Bytes held now by every conversation sharing the budget; never more than <see cref="MaxBytes"/>.</summary>
    public long Held { get; private set; }

    /// <summary>Bodies cut short because the budget was spent.</summary>
    public long BodiesCut { get; private set; }

    /// <summary>Exchanges emitted without waiting for their response to make room.</summary>
    public long PendingExchangesEmitted { get; private set; }

    /// <summary>Times a response stopped waiting for its request because its deferred input found no room.</summary>
    public long WaitsGivenUp { get; private set; }

    /// <summary>Start lines and header or trailer sections cut short because the budget was spent.</summary>
    public long HeadsCut { get; private set; }

    internal bool TryTake(long bytes)
    {
        if (Held + bytes > MaxBytes)
        {
            return false;
        }

        Held += bytes;
        return true;
    }

    internal void Give(long bytes) => Held -= bytes;

    internal void CountBodyCut() => BodiesCut++;

    internal void CountPendingExchangeEmitted() => PendingExchangesEmitted++;

    internal void CountWaitGivenUp() => WaitsGivenUp++;

    internal void CountHeadCut() => HeadsCut++;
}
