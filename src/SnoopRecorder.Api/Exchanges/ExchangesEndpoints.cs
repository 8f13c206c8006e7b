using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SnoopRecorder.Api.Problems;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Exchanges;

/// <summary><c>/api/exchanges</c>: HTTP exchanges of all sessions, filtered and paged.</summary>
public static class ExchangesEndpoints
{
    public const string Tag = "Exchanges";

    private static readonly string LimitAccepted = $"a whole number from 1 to {ExchangeQuery.MaxLimit} (default {ExchangeQuery.DefaultLimit})";
    private const string CursorAccepted = "the nextCursor value of a previous page, unchanged";
    private const string MethodAccepted = "an HTTP method token such as GET or POST";
    private const string SessionAccepted = "a session id";

    public static IEndpointRouteBuilder MapExchangesEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/exchanges").WithTags(Tag);
        group.MapGet("/", ListExchanges)
            .WithName("ListExchanges")
            .WithSummary("Lists exchanges by request time, filtered by session, host, path, method and status.")
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
        var query = new ExchangeQuery();
        if (parameters.Session is not null)
        {
            if (parameters.Session.Length == 0)
            {
                return ApiProblems.InvalidParameter("session", parameters.Session, SessionAccepted);
            }

            query = query with { SessionId = parameters.Session };
        }

        if (parameters.Host is not null)
        {
            if (!HostFilter.TryParse(parameters.Host, out var host))
            {
                return ApiProblems.InvalidParameter("host", parameters.Host, HostFilter.Accepted);
            }

            query = query with { Host = host };
        }

        if (parameters.Path is not null)
        {
            if (!PathFilter.TryParse(parameters.Path, out var path))
            {
                return ApiProblems.InvalidParameter("path", parameters.Path, PathFilter.Accepted);
            }

            query = query with { Path = path };
        }

        if (parameters.Method is not null)
        {
            if (parameters.Method.Length == 0 || !parameters.Method.All(IsTokenChar))
            {
                return ApiProblems.InvalidParameter("method", parameters.Method, MethodAccepted);
            }

            query = query with { Method = parameters.Method };
        }

        if (parameters.Status is not null)
        {
            if (!StatusFilter.TryParse(parameters.Status, out var status))
            {
                return ApiProblems.InvalidParameter("status", parameters.Status, StatusFilter.Accepted);
            }

            query = query with { Status = status };
        }

        if (parameters.Limit is not null)
        {
            if (!int.TryParse(parameters.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
                || limit is < 1 or > ExchangeQuery.MaxLimit)
            {
                return ApiProblems.InvalidParameter("limit", parameters.Limit, LimitAccepted);
            }

            query = query with { Limit = limit };
        }

        if (parameters.Cursor is not null)
        {
            if (!ExchangeCursor.TryDecode(parameters.Cursor, out var cursor))
            {
                return ApiProblems.InvalidParameter("cursor", parameters.Cursor, CursorAccepted);
            }

            query = query with { After = cursor };
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

    // RFC 9110 §5.6.2 token characters.
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
