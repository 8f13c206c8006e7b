using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Parsing;

namespace SnoopRecorder.Http.Pairing;

/// <summary>
/// Pairs the messages of a connection's two parsers into exchanges: responses answer requests first in, first out
/// (pipelining), 1xx responses are interim, and exchanges leave in request order as soon as each is whole. A response
/// found after server bytes were lost may skip requests whose responses the client's acknowledgments show were lost
/// (see <see cref="SkipLostResponses"/>). Messages hold their share of the conversation's memory until their exchange
/// leaves.
/// </summary>
internal sealed partial class ExchangeAssembler : IHttpStreamListener
{
    private readonly IHttpExchangeSink _sink;
    private readonly ConversationMemory _memory;
    private readonly int _maxPendingExchanges;
    private readonly List<ExchangeSlot> _slots = [];
    private HttpStreamParser? _initiator;
    private HttpStreamParser? _responder;
    private HttpStreamParser? _client;
    private HttpStreamParser? _server;
    private ExchangeSlot? _responseSlot;

    public ExchangeAssembler(HttpParserOptions options, IHttpExchangeSink sink, ConversationMemory memory)
    {
        _sink = sink;
        _memory = memory;
        _maxPendingExchanges = Math.Max(options.MaxPendingExchanges, 1);
        memory.Attach(this);
    }

    public ConversationSide? ClientSide => _client?.Side;

    public void Attach(HttpStreamParser initiator, HttpStreamParser responder, ConversationSide? knownClient)
    {
        _initiator = initiator;
        _responder = responder;
        if (knownClient is { } side)
        {
            AssignRoles(side == ConversationSide.Initiator ? initiator : responder);
        }
    }

    /// <summary>Called after every input of <paramref name="side"/>: a waiting response may know its request now.</summary>
    public void AfterInput(ConversationSide side)
    {
        if (_client?.Side == side && _server!.IsWaitingForRequest)
        {
            _server.TryResume();
        }
    }

    /// <summary>Ends both directions and emits everything still held, flagged for what is missing.</summary>
    public void Close(long timestampNs)
    {
        if (_client is null)
        {
            _initiator!.End(timestampNs, -1);
            _responder!.End(timestampNs, -1);
        }
        else
        {
            _client.Finish(timestampNs);
            _server!.Finish(timestampNs);
        }

        while (_slots.Count > 0)
        {
            EmitFirst();
        }

        _initiator!.Release();
        _responder!.Release();
    }

    /// <summary>
    /// Makes room when the memory budget is spent: emits the oldest pending exchange without its response, as past
    /// <see cref="HttpParserOptions.MaxPendingExchanges"/>, if its request is whole and no response has begun for it.
    /// False when there is no such exchange.
    /// </summary>
    public bool TryEmitOldestPending()
    {
        if (_slots.Count == 0 || _slots[0] is not { Request.IsFinished: true, FinalClaimed: false })
        {
            return false;
        }

        EmitFirst();
        return true;
    }

    void IHttpStreamListener.OnRoleDetected(HttpStreamParser parser, StreamRole role)
    {
        if (_client is null)
        {
            AssignRoles(role == StreamRole.Client ? parser : Other(parser));
        }
    }

    void IHttpStreamListener.OnRequestHead(ParsedMessage request)
    {
        _slots.Add(new ExchangeSlot(request));
        _server!.AllowWaiting();

        // A one-sided capture (server direction lost) must not hold requests forever. The exchange whose response is
        // arriving stays (emitting it would lose that response): the next oldest goes, ahead of it.
        while (_slots.Count > _maxPendingExchanges)
        {
            EmitAt(_slots[0] == _responseSlot ? 1 : 0);
        }
    }

    bool IHttpStreamListener.TryPairResponse(ParsedMessage response, bool force, out string? requestMethod)
    {
        requestMethod = null;
        var index = FirstUnansweredIndex();
        ExchangeSlot slot;
        if (index >= 0)
        {
            index = SkipLostResponses(index, response);
            slot = _slots[index];
            if (slot.Request is { } request && request.FirstTimestampNs > response.FirstTimestampNs)
            {
                // The response began before that request did: it answers one that was not captured.
                slot = new ExchangeSlot(null);
                _slots.Insert(index, slot);
            }
        }
        else if (!force && MayStillSendRequest(_client!, response))
        {
            return false;
        }
        else
        {
            slot = new ExchangeSlot(null);
            _slots.Add(slot);
        }

        requestMethod = slot.Request?.RequestHead?.Method;
        slot.FinalClaimed |= !response.IsInterim;
        _responseSlot = slot;
        return true;
    }

    bool IHttpStreamListener.AwaitsVersionlessResponse()
    {
        var index = _client is null ? -1 : FirstUnansweredIndex();
        return index >= 0 && _slots[index].Request?.RequestHead?.Version == HttpSyntax.Http09Version;
    }

    void IHttpStreamListener.OnMessageComplete(HttpStreamParser parser, ParsedMessage message)
    {
        if (message.IsEmitted || (parser == _server && _responseSlot!.IsEmitted))
        {
            // Its exchange left before it finished (past MaxPendingExchanges): what it holds goes back now.
            _memory.Give(message.HeldBytes);
            message.HeldBytes = 0;
        }

        if (parser == _server)
        {
            var slot = _responseSlot!;
            if (message.IsInterim)
            {
                slot.AddInterim(message);
            }
            else
            {
                slot.Response = message;
                _responseSlot = null;
                if (message.IsTunnel)
                {
                    _client!.EnterTunnel();
                    _server.EnterTunnel();
                }
            }
        }

        while (_slots.Count > 0 && _slots[0].IsReady)
        {
            EmitFirst();
        }
    }

    // A request not parsed yet can still come when the client is inside a message, or has sent nothing since the
    // response began (a reordered capture may deliver the server's bytes first). Otherwise it was never captured.
    private static bool MayStillSendRequest(HttpStreamParser client, ParsedMessage response)
        => !client.IsEnded && (client.HasMessageInProgress || client.LastDataTimestampNs < response.FirstTimestampNs);

    private int FirstUnansweredIndex()
    {
        for (var i = 0; i < _slots.Count; i++)
        {
            if (!_slots[i].FinalClaimed)
            {
                return i;
            }
        }

        return -1;
    }

    private void EmitFirst() => EmitAt(0);

    private void EmitAt(int index)
    {
        var slot = _slots[index];
        _slots.RemoveAt(index);
        var exchange = slot.ToExchange(_client!.Side);
        slot.GiveBack(_memory);
        _sink.OnExchange(exchange);
    }

    private void AssignRoles(HttpStreamParser client)
    {
        _client = client;
        _server = Other(client);
        _client.AssignRole(StreamRole.Client);
        _server.AssignRole(StreamRole.Server);
    }

    private HttpStreamParser Other(HttpStreamParser parser) => parser == _initiator ? _responder! : _initiator!;
}
