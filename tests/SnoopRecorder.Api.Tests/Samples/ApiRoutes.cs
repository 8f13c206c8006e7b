using System.Text.Json;

namespace SnoopRecorder.Api.Tests.Samples;

/// <summary>
/// The operations of the service's OpenAPI document, except the document and its browsable reference themselves
/// (<c>/openapi/…</c>, <c>/swagger/…</c>), and which of them a request path goes to.
/// </summary>
public sealed class ApiRoutes
{
    private static readonly string[] DocumentationPrefixes = ["/openapi", "/swagger"];

    private ApiRoutes(IReadOnlyList<ApiRoute> all) => All = all;

    public IReadOnlyList<ApiRoute> All { get; }

    public static ApiRoutes FromOpenApi(JsonElement document)
    {
        var routes = new List<ApiRoute>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var template = Normalize(path.Name);
            if (IsDocumentation(template))
            {
                continue;
            }

            foreach (var operation in path.Value.EnumerateObject())
            {
                routes.Add(new ApiRoute(operation.Name.ToUpperInvariant(), template));
            }
        }

        return new ApiRoutes(routes);
    }

    /// <summary>True for the OpenAPI document and Swagger UI, which have samples but are not operations.</summary>
    public static bool IsDocumentation(string path) =>
        DocumentationPrefixes.Any(p => path == p || path.StartsWith(p + "/", StringComparison.Ordinal));

    /// <summary>
    /// The route <paramref name="method"/> <paramref name="path"/> goes to: a <c>{parameter}</c> matches one segment
    /// (<c>{*rest}</c> the rest), and among matches the one with the most literal segments wins, as in ASP.NET Core
    /// routing (<c>/api/exchanges/har</c> before <c>/api/exchanges/{id}</c>); null when none matches.
    /// </summary>
    public ApiRoute? Match(string method, string path)
    {
        var segments = Segments(Normalize(path));
        return All
            .Where(r => r.Method == method.ToUpperInvariant())
            .Select(r => (Route: r, Literals: LiteralsMatched(Segments(r.Template), segments)))
            .Where(m => m.Literals >= 0)
            .OrderByDescending(m => m.Literals)
            .Select(m => m.Route)
            .FirstOrDefault();
    }

    /// <summary>How many literal segments of the template match; -1 when the path does not match it.</summary>
    private static int LiteralsMatched(string[] template, string[] path)
    {
        var literals = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var part = template[i];
            if (part.StartsWith("{*", StringComparison.Ordinal))
            {
                return literals;
            }

            if (i >= path.Length)
            {
                return -1;
            }

            if (part.StartsWith('{') && part.EndsWith('}'))
            {
                continue;
            }

            if (!string.Equals(part, path[i], StringComparison.OrdinalIgnoreCase))
            {
                return -1;
            }

            literals++;
        }

        return template.Length == path.Length ? literals : -1;
    }

    private static string[] Segments(string path) =>
        [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString)];

    private static string Normalize(string path) => path.Length > 1 ? path.TrimEnd('/') : path;
}
