using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SnoopRecorder.Api.Problems;

/// <summary>Problem responses (RFC 7807) that handlers return directly rather than throw.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult InvalidParameter(string name, string? value, string accepted) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: $"Invalid '{name}' parameter",
        detail: $"'{value}' is not a valid value for '{name}': it accepts {accepted}");

    public static ProblemHttpResult NotFound(string what, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: $"{what} not found",
        detail: $"there is no {what.ToLowerInvariant()} with id '{id}'");

    /// <summary>A 429 whose <c>Retry-After</c> header, set on <paramref name="response"/>, says when to try again.</summary>
    public static ProblemHttpResult TooManyRequests(HttpResponse response, long retryAfterSeconds, string title, string detail)
    {
        response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: title, detail: detail);
    }
}
