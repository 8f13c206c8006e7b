using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace SnoopRecorder.Api.Security;

/// <summary>
/// Stream tickets: their store and options, the <see cref="StreamTicketAuthenticationHandler"/> scheme, and the
/// authorization policy of the endpoints that accept a ticket in place of the API key.
/// </summary>
internal static class StreamTicketServiceCollectionExtensions
{
    /// <summary>The policy of endpoints that accept a ticket (<see cref="StreamTicketEndpointConventions"/>).</summary>
    public const string PolicyName = "ApiKeyOrStreamTicket";

    /// <summary>Forwards to the ticket scheme when the request carries a <c>ticket</c>, else to the API key's.</summary>
    public const string SchemeName = "ApiKeyOrStreamTicket";

    public static IServiceCollection AddStreamTickets(this IServiceCollection services)
    {
        services.AddOptions<StreamTicketOptions>().BindConfiguration(StreamTicketOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StreamTicketStore>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, StreamTicketAuthenticationHandler>(
                StreamTicketAuthenticationHandler.SchemeName,
                ticket => ticket.ForwardChallenge = ApiKeyAuthenticationHandler.SchemeName)
            // One scheme per request, chosen by what it carries: a request with a ticket is judged by its ticket
            // alone (which it uses up), any other by its API key as everywhere. Two schemes in the policy would have
            // the authorization middleware challenge both, writing two 401 bodies.
            .AddPolicyScheme(SchemeName, displayName: null, policy => policy.ForwardDefaultSelector = context =>
                context.Request.Query.ContainsKey(StreamTicketAuthenticationHandler.QueryParameter)
                    ? StreamTicketAuthenticationHandler.SchemeName
                    : ApiKeyAuthenticationHandler.SchemeName);
        services.AddAuthorizationBuilder().AddPolicy(
            PolicyName, new AuthorizationPolicyBuilder(SchemeName).AddRequirements(new ApiKeyRequirement()).Build());
        return services;
    }
}
