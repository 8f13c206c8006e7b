namespace SnoopRecorder.Storage.Exchanges;

/// <summary>How many exchanges, and how many of them per status class.</summary>
public readonly record struct ExchangeCounts
{
    public long Count { get; init; }

    /// <summary>Final status 1xx (101 Switching Protocols; other 1xx are interim and not an exchange's status).</summary>
    public long Informational { get; init; }

    public long Success { get; init; }
    public long Redirection { get; init; }
    public long ClientError { get; init; }
    public long ServerError { get; init; }

    /// <summary>A response with a status outside 100-599: 0 for an HTTP/0.9 response (no status line), or 600-999.</summary>
    public long OtherStatus { get; init; }

    /// <summary>Requests that got no response.</summary>
    public long NoResponse { get; init; }

    /// <summary>Exchanges with a response: those whose duration counts in percentiles.</summary>
    public long Responded => Count - NoResponse;

    public ExchangeCounts Plus(ExchangeCounts other) => new()
    {
        Count = Count + other.Count,
        Informational = Informational + other.Informational,
        Success = Success + other.Success,
        Redirection = Redirection + other.Redirection,
        ClientError = ClientError + other.ClientError,
        ServerError = ServerError + other.ServerError,
        OtherStatus = OtherStatus + other.OtherStatus,
        NoResponse = NoResponse + other.NoResponse,
    };
}
