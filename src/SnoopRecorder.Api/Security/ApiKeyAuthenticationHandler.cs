using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SnoopRecorder.Api.Security;

/// <summary>
/// Authenticates a request by the service's API key, sent as <c>Authorization: Bearer KEY</c> or <c>X-Api-Key: KEY</c>.
/// A missing and a wrong key get the same 401 problem: nothing in the answer tells a guesser how close it came.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyStore keys,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    private const string BearerPrefix = "Bearer ";

    private static readonly ClaimsPrincipal KeyHolder =
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key")], SchemeName));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request.Headers);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(ApiKeyHash.Matches(keys.Hash, presented)
            ? AuthenticateResult.Success(new AuthenticationTicket(KeyHolder, SchemeName))
            : AuthenticateResult.Fail("invalid API key"));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "An API key is required",
                Detail = $"Send the service's API key as 'Authorization: Bearer KEY' or '{HeaderName}: KEY'.",
            },
        });
    }

    private static string? PresentedKey(IHeaderDictionary headers)
    {
        var authorization = headers.Authorization.ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return authorization[BearerPrefix.Length..].Trim();
        }

        var apiKey = headers[HeaderName].ToString();
        return apiKey.Length > 0 ? apiKey.Trim() : null;
    }
}
