namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// Statistics of the exchanges stored for a session, as of one consistent read: the whole session, and its largest
/// (host, method, path) groups, by count descending, then host, method and path in ordinal order.
/// </summary>
/// <param name="SessionId">The session.</param>
/// <param name="Counts">Every exchange of the session.</param>
/// <param name="Durations">Duration percentiles of every exchange of the session that got a response.</param>
/// <param name="Groups">The largest groups, at most the number asked for.</param>
/// <param name="OtherGroups">How many groups were left out of <paramref name="Groups"/>.</param>
/// <param name="OtherExchanges">How many exchanges those groups hold.</param>
public sealed record SessionStats(
    string SessionId,
    ExchangeCounts Counts,
    DurationPercentiles Durations,
    IReadOnlyList<ExchangeGroupStats> Groups,
    long OtherGroups,
    long OtherExchanges);
