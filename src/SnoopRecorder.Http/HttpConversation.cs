using System.Diagnostics;
using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Pairing;
using SnoopRecorder.Http.Parsing;

namespace SnoopRecorder.Http;

/// <summary>
/// One TCP connection's two byte streams, parsed as HTTP/1.x (RFC 9112) and paired into exchanges, which go to the
/// sink in request order as soon as each is whole. Memory is bounded by <see cref="HttpParserOptions"/> whatever the
/// input; bad input is flagged on the exchanges, never thrown.
/// </summary>
public sealed class HttpConversation
{
    private readonly HttpStreamParser _initiator;
    private readonly HttpStreamParser _responder;
    private readonly ExchangeAssembler _assembler;
    private readonly ConversationMemory _memory;
    private long _initiatorOffset;
    private long _responderOffset;
    private bool _closed;

    /// <summary>
    /// Starts a conversation. <paramref name="knownClient"/> is the side that sent the SYN when the handshake was
    /// captured; when null, the side whose stream starts with (or, mid-stream, first shows) a request line is the client.
    /// </summary>
    public HttpConversation(HttpParserOptions options, IHttpExchangeSink sink, ConversationSide? knownClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        _memory = new ConversationMemory(options.MemoryBudget);
        _assembler = new ExchangeAssembler(options, sink, _memory);
        _initiator = new HttpStreamParser(ConversationSide.Initiator, options, _assembler, _memory);
        _responder = new HttpStreamParser(ConversationSide.Responder, options, _assembler, _memory);
        _assembler.Attach(_initiator, _responder, knownClient);
    }

    /// <summary>Which side is the HTTP client, once decided.</summary>
    public ConversationSide? ClientSide => _assembler.ClientSide;

    /// <summary>In-order (TCP-reassembled) bytes of one direction. <paramref name="data"/> is only read during the call.</summary>
    /// <param name="side">Who sent them.</param>
    /// <param name="data">The bytes.</param>
    /// <param name="timestampNs">Unix nanoseconds of the packet that carried them.</param>
    /// <param name="packetIndex">Index of that packet.</param>
    /// <param name="acknowledged">
    /// The TCP acknowledgment that packet carried, as an offset in the other side's stream as this conversation was
    /// given it (every byte of <see cref="OnData"/> and <see cref="OnGap"/> counted from 0); -1 when not known. A
    /// client's acknowledgments let a response that follows one lost in a gap pair with its own request.
    /// </param>
    public void OnData(ConversationSide side, ReadOnlySpan<byte> data, long timestampNs, long packetIndex, long acknowledged = -1)
    {
        if (!_closed)
        {
            ref var offset = ref Offset(side);
            var start = offset;
            offset = offset < 0 ? -1 : offset + data.Length;
            Parser(side).Feed(data, timestampNs, packetIndex, start, acknowledged);
            _assembler.AfterInput(side);
        }
    }

    /// <summary><paramref name="length"/> bytes of this direction (-1: unknown) were never captured and never will be.</summary>
    public void OnGap(ConversationSide side, long length, long timestampNs, long packetIndex)
    {
        if (!_closed)
        {
            ref var offset = ref Offset(side);
            var start = offset;
            offset = offset < 0 || length < 0 ? -1 : offset + length;
            Parser(side).Gap(length, timestampNs, packetIndex, start);
            _assembler.AfterInput(side);
        }
    }

    /// <summary>
    /// The next <paramref name="length"/> bytes this side delivers had a different copy in the capture (overlapping TCP
    /// segments that disagree; the first copy seen is the one delivered): the messages that hold them are flagged
    /// <see cref="ExchangeIssues.RequestConflict"/> or <see cref="ExchangeIssues.ResponseConflict"/>, and stay complete.
    /// Bytes no message holds (junk skipped while resynchronising, bytes after a protocol switch) flag nothing.
    /// </summary>
    /// <param name="side">Whose bytes were contested.</param>
    /// <param name="length">Number of contested bytes: the next ones of <see cref="OnData"/> for this side.</param>
    /// <param name="timestampNs">Unix nanoseconds of the packet that carried the other copy (not used for message times).</param>
    /// <param name="packetIndex">Index of that packet.</param>
    public void OnConflict(ConversationSide side, long length, long timestampNs, long packetIndex)
    {
        if (!_closed)
        {
            Parser(side).Contest(length);
        }
    }

    /// <summary>That side sent FIN or RST: no more bytes will come from it (close-delimited bodies end here).</summary>
    public void OnEnd(ConversationSide side, long timestampNs, long packetIndex)
    {
        if (!_closed)
        {
            Parser(side).End(timestampNs, packetIndex);
            _assembler.AfterInput(side);
        }
    }

    /// <summary>The connection is over: emits everything pending, flagged for what is missing. Idempotent.</summary>
    public void Close(long timestampNs)
    {
        if (!_closed)
        {
            _closed = true;
            _assembler.Close(timestampNs);
            _initiator.ReleaseBody();
            _responder.ReleaseBody();
            Debug.Assert(_memory.Held == 0, $"A closed conversation still holds {_memory.Held} bytes of the memory budget.");
        }
    }

    // Where the side's next input begins in its stream; -1 once a gap of unknown length made it unknown.
    private ref long Offset(ConversationSide side)
    {
        if (side == ConversationSide.Initiator)
        {
            return ref _initiatorOffset;
        }

        return ref _responderOffset;
    }

    private HttpStreamParser Parser(ConversationSide side) => side == ConversationSide.Initiator ? _initiator : _responder;
}
