using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SnoopRecorder.Api.Security;

/// <summary>
/// Declares the API key in the OpenAPI document (as a bearer token and as the <c>X-Api-Key</c> header) and requires it
/// document-wide, so that the browsable reference offers an "Authorize" button and generated clients send it.
/// </summary>
internal sealed class ApiKeyOpenApiTransformer : IOpenApiDocumentTransformer
{
    private const string BearerScheme = "bearer";
    private const string HeaderScheme = "apiKeyHeader";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The service's API key: 'Authorization: Bearer KEY'. /health and this document need none.",
        };
        document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "The same key in the X-Api-Key header.",
        };
        // Either scheme satisfies the API: two alternative requirements.
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, document)] = [] },
        ];
        return Task.CompletedTask;
    }
}
