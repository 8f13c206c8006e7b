using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Exchanges.Content;
using SnoopRecorder.Api.Exchanges.Har;
using SnoopRecorder.Api.Problems;
using SnoopRecorder.Api.Sessions;
using SnoopRecorder.Storage.Exchanges;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Exchanges;

/// <summary>
/// HAR 1.2 exports (<c>.har</c>, what browsers' developer tools, Charles, Fiddler and Insomnia import): a session's
/// exchanges, or those matching the filters of <c>GET /api/exchanges</c>, streamed in request-time order.
/// </summary>
public static class HarEndpoints
{
    public static IEndpointRouteBuilder MapHarEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A literal segment outranks a route parameter, so /api/exchanges/har is never taken for /api/exchanges/{id}.
        endpoints.MapGet("/api/sessions/{id}/har", ExportSession)
            .WithTags(SessionsEndpoints.Tag)
            .WithName("ExportSessionHar")
            .WithSummary("Downloads every exchange of the session as a HAR 1.2 file, in request-time order.")
            .Produces(StatusCodes.Status200OK, contentType: HarExportResult.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapGet("/api/exchanges/har", ExportExchanges)
            .WithTags(ExchangesEndpoints.Tag)
            .WithName("ExportExchangesHar")
            .WithSummary("Downloads the exchanges matching the filters of GET /api/exchanges as a HAR 1.2 file: all of them, "
                + "or at most 'limit', from 'cursor' on, in 'order'.")
            .Produces(StatusCodes.Status200OK, contentType: HarExportResult.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    internal static Results<HarExportResult, ProblemHttpResult> ExportSession(
        string id, SessionRepository sessions, ExchangeRepository exchanges, IOptions<ExchangeContentOptions> options)
    {
        if (sessions.Get(id) is not { } session)
        {
            return ApiProblems.NotFound("Session", id);
        }

        var query = new ExchangeQuery { SessionId = session.Id, Limit = ExchangeQuery.MaxLimit };
        return new HarExportResult(exchanges, query, maxEntries: null, DownloadName(session.Name, session.Id), options.Value.MaxDecodedBodyBytes);
    }

    internal static Results<HarExportResult, ProblemHttpResult> ExportExchanges(
        [AsParameters] ExchangeListParameters parameters,
        SessionRepository sessions,
        ExchangeRepository exchanges,
        IOptions<ExchangeContentOptions> options)
    {
        if (!ExchangeQueryParser.TryParse(parameters, out var query, out var problem))
        {
            return problem;
        }

        // Without 'limit' the export holds every match; with it, at most that many. Either way it reads pages of
        // the largest size, so the repository is asked as few times as possible.
        int? maxEntries = parameters.Limit is null ? null : query.Limit;
        var name = query.SessionId is { } sessionId && sessions.Get(sessionId) is { } session
            ? DownloadName(session.Name, session.Id)
            : "exchanges";
        return new HarExportResult(exchanges, query with { Limit = ExchangeQuery.MaxLimit }, maxEntries, name, options.Value.MaxDecodedBodyBytes);
    }

    private static string DownloadName(string? name, string id) => string.IsNullOrWhiteSpace(name) ? id : name;
}
