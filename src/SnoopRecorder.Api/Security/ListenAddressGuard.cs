using Microsoft.Extensions.Options;

namespace SnoopRecorder.Api.Security;

/// <summary>
/// Refuses to start without authentication (<c>Snoop:Authentication=None</c>) when any listen address reaches beyond
/// loopback: the service sees every byte of the traffic it records and must not offer it to the network unguarded.
/// </summary>
internal sealed class ListenAddressGuard(IConfiguration configuration) : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        if (options.Authentication != AuthenticationMode.None)
        {
            return ValidateOptionsResult.Success;
        }

        var exposed = ListenAddresses().Where(address => !IsLoopback(address)).ToList();
        return exposed.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Snoop:Authentication=None is allowed only on loopback addresses, and the service would listen on {string.Join(", ", exposed)}. " +
                "Keep the API key (the default) or listen on 127.0.0.1 / [::1] / localhost only.");
    }

    private IEnumerable<string> ListenAddresses()
    {
        foreach (var key in new[] { "urls", "ASPNETCORE_URLS", "DOTNET_URLS" })
        {
            foreach (var url in (configuration[key] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return url;
            }
        }

        foreach (var key in new[] { "http_ports", "https_ports" })
        {
            if (!string.IsNullOrWhiteSpace(configuration[key]))
            {
                // Ports without a host listen on every interface.
                yield return $"{key}={configuration[key]}";
            }
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                yield return url;
            }
        }
    }

    /// <summary>True for URLs whose host is a loopback IP address or <c>localhost</c>.</summary>
    public static bool IsLoopback(string url) =>
        // Kestrel's wildcards ("http://*:80", "http://+:80") are not URIs and not loopback either.
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
