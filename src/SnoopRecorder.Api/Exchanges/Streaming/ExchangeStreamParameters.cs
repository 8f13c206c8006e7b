using Microsoft.AspNetCore.Mvc;

namespace SnoopRecorder.Api.Exchanges.Streaming;

/// <summary>
/// Query string of <c>GET /api/exchanges/stream</c>: the filters of <c>GET /api/exchanges</c>, without its paging
/// (<c>order</c>, <c>limit</c>, <c>cursor</c>), which a stream refuses. Bound as text, parsed by <see cref="ExchangeQueryParser"/>.
/// </summary>
public sealed record ExchangeStreamParameters(
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
    [FromQuery(Name = "complete")] string? Complete)
{
    public ExchangeListParameters ToListParameters() => new(
        Session, Host, Path, Uri, Method, Status, From, To, MinDurationMs, Client, Server, Complete, Order: null, Limit: null, Cursor: null);
}
