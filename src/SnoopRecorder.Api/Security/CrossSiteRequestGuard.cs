using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace SnoopRecorder.Api.Security;

/// <summary>
/// Without authentication (<c>Snoop:Authentication=None</c>), refuses <c>/api</c> requests that a web page sent from
/// another origin: a browser attaches no key, but a page could still send "simple" requests (a multipart
/// <c>POST /api/imports</c>) that need no preflight. Refused with 403: <c>Sec-Fetch-Site: cross-site</c> or
/// <c>same-site</c>, and an <c>Origin</c> whose scheme, host and port differ from the request's own (its scheme and
/// <c>Host</c>). Requests without these headers (curl, scripts, programs) pass, as do requests from the service's own
/// origin. With the API key required nothing is checked: a page cannot send the key without a preflight, which the
/// service never answers.
/// </summary>
internal sealed partial class CrossSiteRequestGuard(
    RequestDelegate next,
    IOptions<SecurityOptions> options,
    IProblemDetailsService problems,
    ILogger<CrossSiteRequestGuard> logger)
{
    public const string SecFetchSiteHeader = "Sec-Fetch-Site";

    private static readonly PathString ApiPath = new("/api");

    private readonly bool _enabled = options.Value.Authentication == AuthenticationMode.None;

    public Task InvokeAsync(HttpContext context)
    {
        if (!_enabled || !context.Request.Path.StartsWithSegments(ApiPath) || CrossSiteReason(context.Request) is not { } reason)
        {
            return next(context);
        }

        Log.CrossSiteRequestRefused(logger, context.Request.Method, context.Request.Path, reason);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Cross-site request refused",
                Detail = $"this request came from a web page of another site ({reason}). Without an API key "
                    + "(Snoop:Authentication=None) the service answers programs that send no Origin header (curl, scripts) "
                    + "and its own origin only, so that a page open in a browser cannot use it: send the request without "
                    + "an Origin header, or run the service with its API key (the default).",
            },
        }).AsTask();
    }

    /// <summary>Why the request is cross-site, in words for the problem; null when it is not.</summary>
    internal static string? CrossSiteReason(HttpRequest request)
    {
        var site = request.Headers[SecFetchSiteHeader].ToString();
        if (site.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || site.Equals("same-site", StringComparison.OrdinalIgnoreCase))
        {
            return $"{SecFetchSiteHeader}: {site}";
        }

        if (!request.Headers.TryGetValue(HeaderNames.Origin, out var origins))
        {
            return null;
        }

        var own = $"{request.Scheme}://{request.Host.Value}";
        foreach (var origin in origins)
        {
            if (origin is null || !SameOrigin(origin, own))
            {
                return $"Origin: {origin}, not {own}";
            }
        }

        return null;
    }

    /// <summary>Scheme, host and port compared as RFC 6454 does; a default port counts as written.</summary>
    private static bool SameOrigin(string origin, string own) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var theirs)
        && Uri.TryCreate(own, UriKind.Absolute, out var ours)
        && theirs.AbsolutePath == "/"
        && theirs.UserInfo.Length == 0
        && string.Equals(theirs.Scheme, ours.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(theirs.IdnHost, ours.IdnHost, StringComparison.OrdinalIgnoreCase)
        && theirs.Port == ours.Port;

    private static partial class Log
    {
        [LoggerMessage(EventId = Hosting.EventIds.CrossSiteRequestRefused, Level = LogLevel.Information,
            Message = "Refused a cross-site request {Method} {Path} ({Reason}): Snoop:Authentication=None serves no web page of another origin")]
        public static partial void CrossSiteRequestRefused(ILogger logger, string method, PathString path, string reason);
    }
}
