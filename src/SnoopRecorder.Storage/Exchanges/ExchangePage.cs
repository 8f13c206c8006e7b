namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// One page of exchanges in the query's (request time, id) order; <see cref="Next"/> is null on the last page.
/// </summary>
public sealed record ExchangePage(IReadOnlyList<ExchangeRecord> Items, ExchangeCursor? Next)
{
    public static readonly ExchangePage Empty = new([], null);
}
