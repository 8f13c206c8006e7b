using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace SnoopRecorder.Api.Security;

/// <summary>
/// Met by a request authenticated with the API key, or by any request when <c>Snoop:Authentication=None</c>. Judged
/// per request from the options, so the policy holds whatever configuration source set the mode.
/// </summary>
internal sealed class ApiKeyRequirement : AuthorizationHandler<ApiKeyRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiKeyRequirement requirement)
    {
        var mode = context.Resource is HttpContext http
            ? http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.Authentication
            : AuthenticationMode.ApiKey;
        if (mode == AuthenticationMode.None || context.User.Identity?.IsAuthenticated == true)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
