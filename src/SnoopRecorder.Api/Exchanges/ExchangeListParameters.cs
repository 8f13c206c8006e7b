namespace SnoopRecorder.Api.Exchanges;

/// <summary>
/// Query string of <c>GET /api/exchanges</c>. Everything binds as text so that a bad value gets a problem that names
/// the parameter instead of a bare 400.
/// </summary>
public sealed record ExchangeListParameters(
    string? Session,
    string? Host,
    string? Path,
    string? Method,
    string? Status,
    string? Limit,
    string? Cursor);
