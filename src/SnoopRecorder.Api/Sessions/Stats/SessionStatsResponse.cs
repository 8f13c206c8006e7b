using SnoopRecorder.Storage.Exchanges;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Sessions.Stats;

/// <summary>
/// Statistics of a session's exchanges, as stored when asked (a session still recording keeps growing): the whole
/// session, its largest (host, method, path) groups by count descending (ties by host, method, path), and what the
/// <c>top</c> limit left out.
/// </summary>
public sealed record SessionStatsResponse(
    string SessionId,
    SessionStatus SessionStatus,
    StatsTotalsResponse Totals,
    IReadOnlyList<StatsGroupResponse> Groups,
    OtherGroupsResponse OtherGroups)
{
    public static SessionStatsResponse From(SessionRecord session, SessionStats stats) => new(
        stats.SessionId,
        session.Status,
        StatsTotalsResponse.From(stats.Counts, stats.Durations),
        [.. stats.Groups.Select(StatsGroupResponse.From)],
        new OtherGroupsResponse(stats.OtherGroups, stats.OtherExchanges));
}
