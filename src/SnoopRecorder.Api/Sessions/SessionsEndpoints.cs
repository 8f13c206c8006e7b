using Microsoft.AspNetCore.Http.HttpResults;
using SnoopRecorder.Api.Problems;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Sessions;

/// <summary><c>/api/sessions</c>: recorded and imported sessions.</summary>
public static class SessionsEndpoints
{
    public const string Tag = "Sessions";
    public const string GetSessionRoute = "GetSession";

    /// <summary>The most sessions one list returns.</summary>
    public const int MaxListed = 1_000;

    public static IEndpointRouteBuilder MapSessionsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/sessions").WithTags(Tag);
        group.MapGet("/", ListSessions).WithName("ListSessions").WithSummary("Lists sessions, newest first.");
        group.MapGet("/{id}", GetSession)
            .WithName(GetSessionRoute)
            .WithSummary("Gets one session with its status and counters.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    public static string LocationOf(string id) => $"/api/sessions/{Uri.EscapeDataString(id)}";

    internal static Ok<SessionListResponse> ListSessions(SessionRepository sessions) =>
        TypedResults.Ok(new SessionListResponse([.. sessions.List(MaxListed).Select(SessionResponse.From)]));

    internal static Results<Ok<SessionResponse>, ProblemHttpResult> GetSession(string id, SessionRepository sessions) =>
        sessions.Get(id) is { } session
            ? TypedResults.Ok(SessionResponse.From(session))
            : ApiProblems.NotFound("Session", id);
}
