using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SnoopRecorder.Api.Problems;
using SnoopRecorder.Api.Security;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Exchanges.Streaming;

/// <summary><c>/api/exchanges/stream</c>: newly recorded exchanges as Server-Sent Events, as they are stored.</summary>
public static class ExchangeStreamEndpoints
{
    public const string LastEventIdHeader = "Last-Event-ID";

    internal const string LastEventIdAccepted =
        "the id of the last event received (an exchange id, a whole number), as EventSource sends it when it reconnects";

    // Paging belongs to lists: a stream sends each match once, in storage order, and resumes with Last-Event-ID.
    private static readonly string[] ListOnlyParameters = ["order", "limit", "cursor"];

    public static IEndpointRouteBuilder MapExchangeStreamEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/exchanges").WithTags(ExchangesEndpoints.Tag)
            .MapGet("/stream", StreamExchanges)
            .WithName("StreamExchanges")
            .WithSummary("Streams the exchanges stored from now on (or after Last-Event-ID) that match the list's filters, "
                + "as Server-Sent Events: event 'exchange', id the exchange's id, data the exchange as in the list.")
            .Produces<ExchangeResponse>(StatusCodes.Status200OK, ExchangeStreamResult.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            // The API key, or a ticket from POST /api/exchanges/stream/tickets for an EventSource, which sends no headers.
            .AcceptStreamTickets();
        return endpoints;
    }

    internal static Results<ExchangeStreamResult, ProblemHttpResult> StreamExchanges(
        [AsParameters] ExchangeStreamParameters parameters,
        [FromHeader(Name = LastEventIdHeader)] string? lastEventId,
        HttpRequest request,
        ExchangeRepository exchanges)
    {
        foreach (var name in ListOnlyParameters)
        {
            if (request.Query.TryGetValue(name, out var value))
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: $"Invalid '{name}' parameter",
                    detail: $"'{name}' does not apply to a stream, which sends each matching exchange once, in the order "
                        + $"exchanges are stored ('{value}' given): leave it out; to resume after a disconnection, send the "
                        + $"id of the last event received in a {LastEventIdHeader} header");
            }
        }

        if (!ExchangeQueryParser.TryParse(parameters.ToListParameters(), out var query, out var problem))
        {
            return problem;
        }

        long afterId;
        if (string.IsNullOrEmpty(lastEventId))
        {
            // Before the headers go out: whatever the client sees stored after it opened the stream is in it.
            afterId = exchanges.LastId();
        }
        else if (!long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out afterId))
        {
            return ApiProblems.InvalidParameter(LastEventIdHeader, lastEventId, LastEventIdAccepted);
        }

        return new ExchangeStreamResult(query with { Limit = ExchangeStreamResult.PageSize }, afterId);
    }
}
