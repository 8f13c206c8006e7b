using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SnoopRecorder.Api.Problems;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Exchanges;

/// <summary>
/// Turns the filter parameters of an exchange list into an <see cref="ExchangeQuery"/>, or into a 400 problem naming
/// the first invalid parameter and what it accepts. Shared by every endpoint that takes the list's filters.
/// </summary>
internal static class ExchangeQueryParser
{
    public const string SessionAccepted = "a session id";
    public const string CompleteAccepted = "true or false";
    public const string OrderAccepted = "asc (oldest first, the default) or desc (newest first)";
    public const string CursorAccepted = "the nextCursor value of a previous page, unchanged";
    public const string ToAccepted = UnixInstant.Accepted + ", later than 'from'";

    public static readonly string LimitAccepted =
        $"a whole number from 1 to {ExchangeQuery.MaxLimit} (default {ExchangeQuery.DefaultLimit})";

    public static bool TryParse(ExchangeListParameters p, out ExchangeQuery query, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        query = new ExchangeQuery();
        problem = TryParseFilters(p, ref query) ?? TryParsePaging(p, ref query);
        return problem is null;
    }

    private static ProblemHttpResult? TryParseFilters(ExchangeListParameters p, ref ExchangeQuery query)
    {
        if (p.Session is { } session)
        {
            if (session.Length == 0)
            {
                return ApiProblems.InvalidParameter("session", session, SessionAccepted);
            }

            query = query with { SessionId = session };
        }

        if (p.Host is not null)
        {
            if (!HostFilter.TryParse(p.Host, out var host))
            {
                return ApiProblems.InvalidParameter("host", p.Host, HostFilter.Accepted);
            }

            query = query with { Host = host };
        }

        if (p.Path is not null)
        {
            if (!PathFilter.TryParse(p.Path, out var path))
            {
                return ApiProblems.InvalidParameter("path", p.Path, PathFilter.Accepted);
            }

            query = query with { Path = path };
        }

        if (p.Uri is not null)
        {
            if (!UriFilter.TryParse(p.Uri, out var uri))
            {
                return ApiProblems.InvalidParameter("uri", p.Uri, UriFilter.Accepted);
            }

            query = query with { Uri = uri };
        }

        if (p.Method is not null)
        {
            if (!MethodFilter.TryParse(p.Method, out var method))
            {
                return ApiProblems.InvalidParameter("method", p.Method, MethodFilter.Accepted);
            }

            query = query with { Method = method };
        }

        if (p.Status is not null)
        {
            if (!StatusFilter.TryParse(p.Status, out var status))
            {
                return ApiProblems.InvalidParameter("status", p.Status, StatusFilter.Accepted);
            }

            query = query with { Status = status };
        }

        return TryParseTime(p, ref query) ?? TryParseConnection(p, ref query);
    }

    private static ProblemHttpResult? TryParseTime(ExchangeListParameters p, ref ExchangeQuery query)
    {
        long? from = null;
        long? to = null;
        if (p.From is not null)
        {
            if (!UnixInstant.TryParse(p.From, out var ns))
            {
                return ApiProblems.InvalidParameter("from", p.From, UnixInstant.Accepted);
            }

            from = ns;
        }

        if (p.To is not null)
        {
            if (!UnixInstant.TryParse(p.To, out var ns) || ns <= from)
            {
                return ApiProblems.InvalidParameter("to", p.To, ToAccepted);
            }

            to = ns;
        }

        if (from is not null || to is not null)
        {
            query = query with { Time = new TimeRange(from, to) };
        }

        if (p.MinDurationMs is not null)
        {
            if (!DurationFilter.TryParseMilliseconds(p.MinDurationMs, out var duration))
            {
                return ApiProblems.InvalidParameter("minDurationMs", p.MinDurationMs, DurationFilter.Accepted);
            }

            query = query with { MinDuration = duration };
        }

        return null;
    }

    private static ProblemHttpResult? TryParseConnection(ExchangeListParameters p, ref ExchangeQuery query)
    {
        if (p.Client is not null)
        {
            if (!EndpointFilter.TryParse(p.Client, out var client))
            {
                return ApiProblems.InvalidParameter("client", p.Client, EndpointFilter.Accepted);
            }

            query = query with { Client = client };
        }

        if (p.Server is not null)
        {
            if (!EndpointFilter.TryParse(p.Server, out var server))
            {
                return ApiProblems.InvalidParameter("server", p.Server, EndpointFilter.Accepted);
            }

            query = query with { Server = server };
        }

        if (p.Complete is not null)
        {
            if (!bool.TryParse(p.Complete, out var complete) || p.Complete.Trim().Length != p.Complete.Length)
            {
                return ApiProblems.InvalidParameter("complete", p.Complete, CompleteAccepted);
            }

            query = query with { Complete = complete };
        }

        return null;
    }

    private static ProblemHttpResult? TryParsePaging(ExchangeListParameters p, ref ExchangeQuery query)
    {
        if (p.Order is not null)
        {
            ExchangeOrder? order = p.Order.ToLowerInvariant() switch
            {
                "asc" => ExchangeOrder.Ascending,
                "desc" => ExchangeOrder.Descending,
                _ => null,
            };
            if (order is null)
            {
                return ApiProblems.InvalidParameter("order", p.Order, OrderAccepted);
            }

            query = query with { Order = order.Value };
        }

        if (p.Limit is not null)
        {
            if (!int.TryParse(p.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
                || limit is < 1 or > ExchangeQuery.MaxLimit)
            {
                return ApiProblems.InvalidParameter("limit", p.Limit, LimitAccepted);
            }

            query = query with { Limit = limit };
        }

        if (p.Cursor is not null)
        {
            if (!ExchangeCursor.TryDecode(p.Cursor, out var cursor))
            {
                return ApiProblems.InvalidParameter("cursor", p.Cursor, CursorAccepted);
            }

            if (cursor.Order != query.Order)
            {
                return ApiProblems.InvalidParameter("cursor", p.Cursor, $"{CursorAccepted}, with the order of that page (order={OrderName(cursor.Order)})");
            }

            query = query with { After = cursor };
        }

        return null;
    }

    private static string OrderName(ExchangeOrder order) => order == ExchangeOrder.Descending ? "desc" : "asc";
}
