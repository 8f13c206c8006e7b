using Microsoft.Extensions.Configuration.Memory;

namespace SnoopRecorder.Api.Hosting;

/// <summary>
/// Defaults below every other configuration source, so they hold even when appsettings.json is not in the working
/// directory, and appsettings, <c>Snoop__...</c> variables and <c>--Key=Value</c> arguments still override them.
/// </summary>
internal static class ConfigurationDefaults
{
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        // One summary line per import, not one per request.
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        // Host names a request may name (ASP.NET Core's host filtering): a web page that points a name of its own at
        // 127.0.0.1 (DNS rebinding) gets 400. Listening beyond loopback needs the service's own names added.
        ["AllowedHosts"] = "localhost;127.0.0.1;[::1]",
    };

    public static void AddTo(ConfigurationManager configuration) =>
        ((IConfigurationBuilder)configuration).Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
}
