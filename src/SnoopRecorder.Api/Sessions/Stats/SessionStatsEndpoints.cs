using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SnoopRecorder.Api.Problems;
using SnoopRecorder.Storage.Exchanges;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Sessions.Stats;

/// <summary><c>/api/sessions/{id}/stats</c>: counts and latency percentiles of a session's exchanges per (host, method, path).</summary>
public static class SessionStatsEndpoints
{
    internal static readonly string TopAccepted =
        $"a whole number from 1 to {SessionStatsRepository.MaxTop} (default {SessionStatsRepository.DefaultTop}): how many groups to list, largest first";

    public static IEndpointRouteBuilder MapSessionStatsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/sessions").WithTags(SessionsEndpoints.Tag)
            .MapGet("/{id}/stats", GetSessionStats)
            .WithName("GetSessionStats")
            .WithSummary("Counts per status class and latency percentiles (p50, p95, p99, nearest rank) of a session's "
                + "exchanges, in total and for its largest (host, method, path) groups.")
            .Produces<SessionStatsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    internal static Results<Ok<SessionStatsResponse>, ProblemHttpResult> GetSessionStats(
        string id,
        [FromQuery(Name = "top")] string? top,
        SessionRepository sessions,
        SessionStatsRepository stats)
    {
        var count = SessionStatsRepository.DefaultTop;
        if (top is not null
            && (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > SessionStatsRepository.MaxTop))
        {
            return ApiProblems.InvalidParameter("top", top, TopAccepted);
        }

        if (sessions.Get(id) is not { } session)
        {
            return ApiProblems.NotFound("Session", id);
        }

        return TypedResults.Ok(SessionStatsResponse.From(session, stats.Compute(id, count)));
    }
}
