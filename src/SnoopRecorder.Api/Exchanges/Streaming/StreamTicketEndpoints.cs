using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SnoopRecorder.Api.Problems;
using SnoopRecorder.Api.Security;

namespace SnoopRecorder.Api.Exchanges.Streaming;

/// <summary>
/// <c>/api/exchanges/stream/tickets</c>: single-use tickets that open the live tail without the API key in a header,
/// for a browser's <c>EventSource</c>. Issuing one needs the API key, as every endpoint; the ticket works on
/// <c>GET /api/exchanges/stream</c> only.
/// </summary>
public static class StreamTicketEndpoints
{
    public static IEndpointRouteBuilder MapStreamTicketEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/exchanges").WithTags(ExchangesEndpoints.Tag)
            .MapPost("/stream/tickets", CreateStreamTicket)
            .WithName("CreateStreamTicket")
            .WithSummary("Issues a single-use ticket that opens one GET /api/exchanges/stream?ticket=… in place of the API key "
                + "(a browser's EventSource cannot send headers), valid Snoop:StreamTicketSeconds (60 s by default).")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    internal static Results<Created<StreamTicketResponse>, ProblemHttpResult> CreateStreamTicket(
        StreamTicketStore tickets,
        HttpResponse response)
    {
        // The ticket is a credential until it is used: no cache keeps it.
        response.Headers.CacheControl = "no-store";
        if (!tickets.TryIssue(out var ticket, out var retryAfter))
        {
            var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
            return ApiProblems.TooManyRequests(
                response,
                seconds,
                title: "Too many stream tickets",
                detail: $"{StreamTicketStore.MaxOutstanding} stream tickets are outstanding, each until it opens a stream or "
                    + $"{tickets.Lifetime.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s pass (Snoop:StreamTicketSeconds): "
                    + $"open streams with the tickets already issued, or retry in {seconds.ToString(CultureInfo.InvariantCulture)} s");
        }

        return TypedResults.Created((string?)null, new StreamTicketResponse(ticket.Value, ticket.ExpiresAt));
    }
}
