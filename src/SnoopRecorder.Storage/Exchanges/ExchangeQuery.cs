namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// Filters, order and page position of an exchange list. Filters combine with AND; a null filter matches everything.
/// </summary>
public sealed record ExchangeQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1_000;

    public string? SessionId { get; init; }
    public HostFilter? Host { get; init; }
    public PathFilter? Path { get; init; }
    public UriFilter? Uri { get; init; }
    public MethodFilter? Method { get; init; }
    public StatusFilter? Status { get; init; }

    /// <summary>Bounds on the request time.</summary>
    public TimeRange? Time { get; init; }

    public DurationFilter? MinDuration { get; init; }
    public EndpointFilter? Client { get; init; }
    public EndpointFilter? Server { get; init; }

    /// <summary>True: only complete exchanges; false: only those with something missing or unparsable.</summary>
    public bool? Complete { get; init; }

    public ExchangeOrder Order { get; init; } = ExchangeOrder.Ascending;
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>Return only exchanges after this position, in <see cref="Order"/>; its order must be the query's.</summary>
    public ExchangeCursor? After { get; init; }
}
