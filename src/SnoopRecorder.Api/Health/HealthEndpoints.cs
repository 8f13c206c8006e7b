using Microsoft.AspNetCore.Http.HttpResults;

namespace SnoopRecorder.Api.Health;

/// <summary><c>/health</c>: liveness for probes and scripts.</summary>
public static class HealthEndpoints
{
    public const string Tag = "Health";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/health").WithTags(Tag)
            .MapGet("/", GetHealth)
            .WithName("GetHealth")
            .WithSummary("Answers 200 while the service runs.")
            .AllowAnonymous();
        return endpoints;
    }

    internal static Ok<HealthResponse> GetHealth() => TypedResults.Ok(new HealthResponse("ok"));
}
