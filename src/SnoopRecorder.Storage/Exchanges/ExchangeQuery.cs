namespace SnoopRecorder.Storage.Exchanges;

/// <summary>Filters and page position of an exchange list; null filters match everything.</summary>
public sealed record ExchangeQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1_000;

    public string? SessionId { get; init; }
    public HostFilter? Host { get; init; }
    public PathFilter? Path { get; init; }

    /// <summary>Exact, case-sensitive (RFC 9110 §9.1: methods are case-sensitive).</summary>
    public string? Method { get; init; }

    public StatusFilter? Status { get; init; }
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>Return only exchanges after this position.</summary>
    public ExchangeCursor? After { get; init; }
}
