using System.Runtime.CompilerServices;
using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Http.Parsing;

/// <summary>
/// The HTTP/1.x parser of one direction of a connection: an explicit state machine over in-order bytes that finds
/// start lines, heads and bodies (RFC 9112) and reports messages to its <see cref="IHttpStreamListener"/>. Only
/// heads and (while waiting for a request) deferred input are buffered, both bounded by the options.
/// </summary>
internal sealed partial class HttpStreamParser
{
    // Gap/end events held while waiting; bytes are bounded by MaxBufferedBytesPerSide, these by count.
    private const int MaxDeferredEvents = 4096;

    // Stands for an unknown stream offset: far enough below zero that subtracting a span's length stays negative.
    private const long UnknownOffset = long.MinValue / 2;

    private readonly HttpParserOptions _options;
    private readonly IHttpStreamListener _listener;
    private readonly LineBuffer _lines;
    private readonly BodyBuffer _body;
    private readonly ChunkedBodyDecoder _chunked;
    private DeferredInput _deferred;
    private DeferredInput _spare;
    private ParserState _state;
    private ParsedMessage? _message;
    private long _remaining;
    private ExchangeIssues _carriedIssues;
    private bool _mayWait = true;
    private bool _replaying;

    // Stream offsets (gap bytes counted) of the input being parsed: where the current Feed's bytes end, where the
    // current step's bytes begin, and what the carrying packet acknowledged of the other direction (-1: not known).
    private long _chunkEnd = UnknownOffset;
    private long _stepOffset = UnknownOffset;
    private long _chunkAcknowledged = -1;

    public HttpStreamParser(ConversationSide side, HttpParserOptions options, IHttpStreamListener listener, ConversationMemory memory)
    {
        Side = side;
        _options = options;
        _listener = listener;
        _lines = new LineBuffer(memory);
        _deferred = new DeferredInput(memory);
        _spare = new DeferredInput(memory);
        _body = new BodyBuffer(options.MaxBodyBytes, memory);
        _chunked = new ChunkedBodyDecoder(_lines, options.MaxHeaderSectionBytes, options.MaxHeaderCount);
    }

    public ConversationSide Side { get; }

    /// <summary>The conversation is over: whatever body bytes are still held go back to the budget.</summary>
    public void ReleaseBody() => _body.Release();

    public StreamRole Role { get; private set; }

    public bool IsEnded { get; private set; }

    public bool IsWaitingForRequest => _state == ParserState.AwaitingPairing;

    /// <summary>True while a message (or a line that may start one) has begun and not finished.</summary>
    public bool HasMessageInProgress => _message is not null || (_state == ParserState.StartLine && !_lines.IsEmpty);

    /// <summary>Packet time of the latest bytes parsed; <see cref="long.MinValue"/> before any.</summary>
    public long LastDataTimestampNs { get; private set; } = long.MinValue;

    /// <summary>Stream offset of the current step's first byte, or -1 when not known.</summary>
    private long StepOffset => _stepOffset < 0 ? -1 : _stepOffset;

    private ExchangeIssues GapIssue => Role == StreamRole.Client ? ExchangeIssues.RequestGap : ExchangeIssues.ResponseGap;

    private ExchangeIssues IncompleteIssue => Role == StreamRole.Client ? ExchangeIssues.RequestIncomplete : ExchangeIssues.ResponseIncomplete;

    private ExchangeIssues MalformedIssue => Role == StreamRole.Client ? ExchangeIssues.RequestMalformed : ExchangeIssues.ResponseMalformed;

    private ExchangeIssues TruncatedIssue => Role == StreamRole.Client ? ExchangeIssues.RequestBodyTruncated : ExchangeIssues.ResponseBodyTruncated;

    public void AssignRole(StreamRole role) => Role = role;

    /// <summary>A new request arrived: responses may wait for their request again.</summary>
    public void AllowWaiting() => _mayWait = true;

    /// <summary>
    /// Parses in-order bytes that begin at <paramref name="streamOffset"/> of this direction's stream (-1: not known),
    /// carried by a packet that acknowledged <paramref name="acknowledged"/> of the other direction's (-1: not known).
    /// </summary>
    public void Feed(ReadOnlySpan<byte> data, long timestampNs, long packetIndex, long streamOffset, long acknowledged)
    {
        if (IsEnded || data.IsEmpty)
        {
            return;
        }

        _chunkEnd = streamOffset < 0 ? UnknownOffset : streamOffset + data.Length;
        _stepOffset = _chunkEnd - data.Length;
        _chunkAcknowledged = acknowledged;
        if (_state == ParserState.AwaitingPairing)
        {
            Defer(data, timestampNs, packetIndex);
            return;
        }

        LastDataTimestampNs = Math.Max(LastDataTimestampNs, timestampNs);
        if (_tracksConflicts)
        {
            FeedContested(data, timestampNs, packetIndex);
            return;
        }

        while (!data.IsEmpty)
        {
            // Every step consumes at least one byte or changes state, so the loop always progresses.
            _stepOffset = _chunkEnd - data.Length;
            data = data[Step(data, timestampNs, packetIndex)..];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Step(ReadOnlySpan<byte> data, long timestampNs, long packetIndex) => _state switch
    {
        ParserState.StartLine => ReadStartLine(data, timestampNs, packetIndex),
        ParserState.SkipLine => SkipLine(data),
        ParserState.Head => ReadHead(data, timestampNs, packetIndex),
        ParserState.LengthBody => ReadLengthBody(data, timestampNs, packetIndex),
        ParserState.ChunkedBody => ReadChunkedBody(data, timestampNs, packetIndex),
        ParserState.CloseBody => ReadCloseBody(data, timestampNs, packetIndex),
        ParserState.AwaitingPairing => Defer(data, timestampNs, packetIndex),
        _ => data.Length,
    };

    /// <summary>Switches to the tunnel state: nothing more of this direction is parsed.</summary>
    public void EnterTunnel()
    {
        _state = IsEnded ? ParserState.Ended : ParserState.Tunnel;
        _message = null;
        _lines.Clear();
        _deferred.Clear();
    }

    /// <summary>Returns pooled buffers; called once the conversation is closed.</summary>
    public void Release()
    {
        _lines.Release();
        _deferred.Clear();
        _spare.Clear();
    }
}
