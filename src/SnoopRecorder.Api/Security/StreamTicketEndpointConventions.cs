using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SnoopRecorder.Api.Security;

/// <summary>Lets an endpoint be authenticated by a stream ticket in its query string, as well as by the API key.</summary>
internal static class StreamTicketEndpointConventions
{
    private const string TicketDescription =
        "A single-use ticket from POST /api/exchanges/stream/tickets, in place of the API key (a browser's EventSource "
        + "cannot send headers). It is used up by this request; an unknown, used or expired ticket is 401, as a wrong key. "
        + "EventSource reconnects with the same URL: the 401 tells the page to fetch a new ticket and open a new EventSource.";

    /// <summary>
    /// Replaces the fallback policy of the endpoint (API key only) with one that accepts a <c>ticket</c> query parameter
    /// instead, and documents that parameter.
    /// </summary>
    public static RouteHandlerBuilder AcceptStreamTickets(this RouteHandlerBuilder builder) => builder
        .RequireAuthorization(StreamTicketServiceCollectionExtensions.PolicyName)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .AddOpenApiOperationTransformer(DocumentTicketParameter);

    private static Task DocumentTicketParameter(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = StreamTicketAuthenticationHandler.QueryParameter,
            In = ParameterLocation.Query,
            Description = TicketDescription,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        return Task.CompletedTask;
    }
}
