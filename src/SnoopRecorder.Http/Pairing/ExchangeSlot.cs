using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Parsing;

namespace SnoopRecorder.Http.Pairing;

/// <summary>One place in a connection's pipeline: a request (or none) and the responses that answer it.</summary>
internal sealed class ExchangeSlot
{
    private List<ParsedMessage>? _interims;

    /// <param name="request">Null for a response whose request was not captured.</param>
    public ExchangeSlot(ParsedMessage? request) => Request = request;

    public ParsedMessage? Request { get; }

    /// <summary>The final response, once finished.</summary>
    public ParsedMessage? Response { get; set; }

    /// <summary>A final response has been paired with this slot (it may still be arriving).</summary>
    public bool FinalClaimed { get; set; }

    /// <summary>
    /// The response to this request was lost in a capture gap (the client's acknowledgments show it received it before
    /// a later request): the exchange leaves without one, flagged <see cref="ExchangeIssues.ResponseGap"/> and
    /// <see cref="ExchangeIssues.NoResponse"/>.
    /// </summary>
    public bool ResponseLost { get; private set; }

    public bool IsReady => Request is not { IsFinished: false } && (Response is { IsFinished: true } || ResponseLost);

    /// <summary>Marks the response as lost: nothing will answer this request.</summary>
    public void LoseResponse()
    {
        ResponseLost = true;
        FinalClaimed = true;
    }

    public void AddInterim(ParsedMessage interim) => (_interims ??= []).Add(interim);

    /// <summary>True once the exchange has left; a response still arriving for it gives its memory back when it ends.</summary>
    public bool IsEmitted { get; private set; }

    /// <summary>The exchange leaves: its messages give their memory back (one still finishing gives the rest later).</summary>
    public void GiveBack(ConversationMemory memory)
    {
        IsEmitted = true;
        GiveBack(Request, memory);
        for (var i = 0; i < (_interims?.Count ?? 0); i++)
        {
            GiveBack(_interims![i], memory);
        }

        GiveBack(Response, memory);
    }

    public HttpExchange ToExchange(ConversationSide clientSide)
    {
        var issues = ExchangeIssues.None;
        var first = Request ?? FirstInterim() ?? Response;
        var last = Response ?? LastInterim() ?? Request;
        long firstPacket = long.MaxValue;
        long lastPacket = long.MinValue;
        foreach (var message in Messages())
        {
            issues |= message.Issues;
            firstPacket = Math.Min(firstPacket, message.FirstPacketIndex);
            lastPacket = Math.Max(lastPacket, message.LastPacketIndex);
        }

        issues |= Request switch
        {
            null => ExchangeIssues.NoRequest,
            { IsFinished: false } => ExchangeIssues.RequestIncomplete,
            _ => ExchangeIssues.None,
        };
        issues |= Response switch
        {
            null when ResponseLost => ExchangeIssues.NoResponse | ExchangeIssues.ResponseGap,
            null => ExchangeIssues.NoResponse,
            { IsTunnel: true } => ExchangeIssues.Tunnel,
            _ => ExchangeIssues.None,
        };

        return new HttpExchange
        {
            ClientSide = clientSide,
            Request = Request?.RequestHead,
            RequestBody = Request?.Body ?? CapturedBody.Empty,
            Response = Response?.ResponseHead,
            ResponseBody = Response?.Body ?? CapturedBody.Empty,
            InterimResponses = _interims is null ? [] : _interims.ConvertAll(static interim => interim.ResponseHead!),
            StartedAtNs = first?.FirstTimestampNs ?? 0,
            EndedAtNs = last?.LastTimestampNs ?? 0,
            FirstPacketIndex = first is null ? 0 : firstPacket,
            LastPacketIndex = first is null ? 0 : lastPacket,
            Issues = issues,
        };
    }

    private static void GiveBack(ParsedMessage? message, ConversationMemory memory)
    {
        if (message is not null)
        {
            memory.Give(message.HeldBytes);
            message.HeldBytes = 0;
            message.IsEmitted = true;
        }
    }

    private ParsedMessage? FirstInterim() => _interims is { Count: > 0 } ? _interims[0] : null;

    private ParsedMessage? LastInterim() => _interims is { Count: > 0 } ? _interims[^1] : null;

    private IEnumerable<ParsedMessage> Messages()
    {
        if (Request is not null)
        {
            yield return Request;
        }

        foreach (var interim in _interims ?? [])
        {
            yield return interim;
        }

        if (Response is not null)
        {
            yield return Response;
        }
    }
}
