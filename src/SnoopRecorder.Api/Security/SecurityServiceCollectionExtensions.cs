using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;

namespace SnoopRecorder.Api.Security;

/// <summary>Authentication of the web service: the API key, required by every endpoint that does not opt out.</summary>
internal static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddSnoopSecurity(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, ListenAddressGuard>();
        services.AddSingleton<ApiKeyStore>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyStore>());
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        // The fallback policy covers every endpoint without authorization metadata of its own, so an endpoint added
        // later is protected unless it says AllowAnonymous (only /health and the OpenAPI document do).
        services.AddAuthorizationBuilder().SetFallbackPolicy(
            new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).AddRequirements(new ApiKeyRequirement()).Build());
        services.Configure<OpenApiOptions>("v1", openApi => openApi.AddDocumentTransformer<ApiKeyOpenApiTransformer>());
        return services;
    }
}
