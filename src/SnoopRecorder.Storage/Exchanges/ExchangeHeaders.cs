namespace SnoopRecorder.Storage.Exchanges;

/// <summary>The header sections of both sides of an exchange and the statuses of its interim (1xx) responses.</summary>
public sealed record ExchangeHeaders
{
    public static readonly ExchangeHeaders None = new();

    public IReadOnlyList<HeaderRecord> RequestHeaders { get; init; } = [];
    public IReadOnlyList<HeaderRecord> ResponseHeaders { get; init; } = [];
    public IReadOnlyList<HeaderRecord> RequestTrailers { get; init; } = [];
    public IReadOnlyList<HeaderRecord> ResponseTrailers { get; init; } = [];
    public IReadOnlyList<int> InterimStatuses { get; init; } = [];
}
