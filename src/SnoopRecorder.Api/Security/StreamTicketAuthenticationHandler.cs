using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SnoopRecorder.Api.Security;

/// <summary>
/// Authenticates a request by a stream ticket in its <c>ticket</c> query parameter, redeeming it: a browser's
/// <c>EventSource</c> cannot send the API key in a header. Only the live tail's endpoints use this scheme (see
/// <see cref="StreamTicketEndpointConventions"/>); everywhere else a ticket is ignored. Its challenge is the API key's,
/// so an unknown, used or expired ticket gets the same 401 as a wrong key.
/// </summary>
internal sealed class StreamTicketAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    StreamTicketStore tickets)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "StreamTicket";
    public const string QueryParameter = "ticket";

    private static readonly ClaimsPrincipal TicketHolder =
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "stream-ticket")], SchemeName));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Query.TryGetValue(QueryParameter, out var presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // The failure message is logged by ASP.NET Core: it names no ticket.
        return Task.FromResult(presented.Count == 1 && presented[0] is { } ticket && tickets.TryRedeem(ticket)
            ? AuthenticateResult.Success(new AuthenticationTicket(TicketHolder, SchemeName))
            : AuthenticateResult.Fail("unknown, used or expired stream ticket"));
    }
}
