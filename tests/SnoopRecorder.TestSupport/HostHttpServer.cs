using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace SnoopRecorder.TestSupport;

/// <summary>
/// A real HTTP/1.1 server (Kestrel) on the host side, bound to one address on a free port, for traffic to record:
/// <list type="bullet">
/// <item><c>GET /hello</c>: 200, text/plain, <see cref="HelloBody"/>;</item>
/// <item><c>GET /status/{code}</c>: that status (200-599) with a short text/plain body (none for 204 and 304);</item>
/// <item><c>POST /echo</c>: 200 with the request's body and Content-Type.</item>
/// </list>
/// It logs nothing.
/// </summary>
public sealed class HostHttpServer : IAsyncDisposable
{
    public const string HelloBody = "hello from the host\n";

    private readonly WebApplication _app;

    private HostHttpServer(WebApplication app, IPAddress address, int port)
    {
        _app = app;
        Address = address;
        Port = port;
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        BaseUrl = new Uri($"http://{host}:{port}/");
    }

    public IPAddress Address { get; }

    public int Port { get; }

    /// <summary><c>http://ADDRESS:PORT/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts a server listening on <paramref name="address"/> (docker0's, a veth end's, loopback).</summary>
    public static async Task<HostHttpServer> StartAsync(IPAddress address)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Its clients name it by any address (docker0's, a veth's); the appsettings.json of the service under test,
        // copied beside the tests, would otherwise limit it to loopback names.
        builder.Configuration["AllowedHosts"] = "*";
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, 0));
        var app = builder.Build();
        HostHttpRoutes.Map(app);
        try
        {
            await app.StartAsync();
            // After start, the addresses Kestrel bound, with the port it was given for port 0.
            var bound = app.Urls.Single();
            return new HostHttpServer(app, address, new Uri(bound).Port);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
