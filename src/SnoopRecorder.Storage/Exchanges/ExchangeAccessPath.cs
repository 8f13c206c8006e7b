namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// One way to find a query's rows: an index and the condition that bounds it. An ordered path hands rows out in list
/// order (an equality on the index's first column, or none), so a page stops after <c>limit + 1</c> matches; an
/// unordered one (a range, or several values) must collect every row it bounds and sort them.
/// </summary>
/// <param name="Index">The index, named in <c>INDEXED BY</c>.</param>
/// <param name="Bound">The condition on the index's columns, used to count its rows; null when it bounds nothing.</param>
/// <param name="IsOrdered">Rows come out in (started_ns, id) order.</param>
/// <param name="Rank">Preference among ordered paths that all match many rows: the lower, the more selective it usually is.</param>
internal sealed record ExchangeAccessPath(string Index, string? Bound, bool IsOrdered, int Rank);
