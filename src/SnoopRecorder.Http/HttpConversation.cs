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
    private bool _closed;

    /// <summary>
    /// Starts a conversation. <paramref name="knownClient"/> is the side that sent the SYN when the handshake was
    /// captured; when null, the side whose stream starts with (or, mid-stream, first shows) a request line is the client.
    /// </summary>
    public HttpConversation(HttpParserOptions options, IHttpExchangeSink sink, ConversationSide? knownClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        _assembler = new ExchangeAssembler(options, sink);
        _initiator = new HttpStreamParser(ConversationSide.Initiator, options, _assembler);
        _responder = new HttpStreamParser(ConversationSide.Responder, options, _assembler);
        _assembler.Attach(_initiator, _responder, knownClient);
    }

    /// <summary>Which side is the HTTP client, once decided.</summary>
    public ConversationSide? ClientSide => _assembler.ClientSide;

    /// <summary>In-order (TCP-reassembled) bytes of one direction. <paramref name="data"/> is only read during the call.</summary>
    public void OnData(ConversationSide side, ReadOnlySpan<byte> data, long timestampNs, long packetIndex)
    {
        if (!_closed)
        {
            Parser(side).Feed(data, timestampNs, packetIndex);
            _assembler.AfterInput(side);
        }
    }

    /// <summary><paramref name="length"/> bytes of this direction (-1: unknown) were never captured and never will be.</summary>
    public void OnGap(ConversationSide side, long length, long timestampNs, long packetIndex)
    {
        if (!_closed)
        {
            Parser(side).Gap(length, timestampNs, packetIndex);
            _assembler.AfterInput(side);
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
        }
    }

    private HttpStreamParser Parser(ConversationSide side) => side == ConversationSide.Initiator ? _initiator : _responder;
}
