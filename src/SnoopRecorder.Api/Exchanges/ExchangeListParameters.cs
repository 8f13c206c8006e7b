using Microsoft.AspNetCore.Mvc;

namespace SnoopRecorder.Api.Exchanges;

/// <summary>
/// Query string of <c>GET /api/exchanges</c> (and of the exports that take the same filters). Everything binds as
/// text so that a bad value gets a problem that names the parameter instead of a bare 400;
/// <see cref="ExchangeQueryParser"/> turns it into a query. The names are given so that the OpenAPI document shows
/// them as clients write them (binding itself ignores case).
/// </summary>
public sealed record ExchangeListParameters(
    [FromQuery(Name = "session")] string? Session,
    [FromQuery(Name = "host")] string? Host,
    [FromQuery(Name = "path")] string? Path,
    [FromQuery(Name = "uri")] string? Uri,
    [FromQuery(Name = "method")] string? Method,
    [FromQuery(Name = "status")] string? Status,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "minDurationMs")] string? MinDurationMs,
    [FromQuery(Name = "client")] string? Client,
    [FromQuery(Name = "server")] string? Server,
    [FromQuery(Name = "complete")] string? Complete,
    [FromQuery(Name = "order")] string? Order,
    [FromQuery(Name = "limit")] string? Limit,
    [FromQuery(Name = "cursor")] string? Cursor);
