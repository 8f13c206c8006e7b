using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SnoopRecorder.Api.Problems;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Exchanges;

/// <summary><c>/api/exchanges</c>: HTTP exchanges of all sessions, filtered and paged.</summary>
public static class ExchangesEndpoints
{
    public const string Tag = "Exchanges";

    public static IEndpointRouteBuilder MapExchangesEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/exchanges").WithTags(Tag);
        group.MapGet("/", ListExchanges)
            .WithName("ListExchanges")
            .WithSummary("Lists exchanges by request time, filtered by session, host, path, request-target, method, status, "
                + "time, duration, client, server and completeness, in pages.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id}", GetExchange)
            .WithName("GetExchange")
            .WithSummary("Gets one exchange with its request and response headers.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    internal static Results<Ok<ExchangeListResponse>, ProblemHttpResult> ListExchanges(
        [AsParameters] ExchangeListParameters parameters,
        ExchangeRepository exchanges)
    {
        if (!ExchangeQueryParser.TryParse(parameters, out var query, out var problem))
        {
            return problem;
        }

        var page = exchanges.Query(query);
        return TypedResults.Ok(new ExchangeListResponse([.. page.Items.Select(ExchangeResponse.Summary)], page.Next?.Encode()));
    }

    internal static Results<Ok<ExchangeResponse>, ProblemHttpResult> GetExchange(string id, ExchangeRepository exchanges)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || exchanges.Get(number) is not { } detail)
        {
            return ApiProblems.NotFound("Exchange", id);
        }

        return TypedResults.Ok(ExchangeResponse.Detail(detail));
    }
}
