namespace SnoopRecorder.Api.Exchanges.Streaming;

/// <summary>A stream ticket: send it once as <c>GET /api/exchanges/stream?ticket=…</c> before <paramref name="ExpiresAt"/>.</summary>
/// <param name="Ticket">32 random bytes, base64url-encoded: opaque, single-use, not kept by the service.</param>
/// <param name="ExpiresAt">When the ticket stops opening a stream (a stream it opened goes on).</param>
public sealed record StreamTicketResponse(string Ticket, DateTimeOffset ExpiresAt);
