using SnoopRecorder.Api.Exchanges;
using SnoopRecorder.Api.Exchanges.Streaming;
using SnoopRecorder.Api.Health;
using SnoopRecorder.Api.Imports;
using SnoopRecorder.Api.Security;
using SnoopRecorder.Api.Sessions;
using SnoopRecorder.Api.Sessions.Stats;

namespace SnoopRecorder.Api.Hosting;

/// <summary>Builds the web service: <c>serve</c>, the default command.</summary>
public static class SnoopWebApplication
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = ContentRoot.Choose(args),
        });
        ConfigurationDefaults.AddTo(builder.Configuration);
        if (!HasListenAddress(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddSnoopCore().AddSnoopWeb().AddSnoopSecurity().AddStreamTickets();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi().AllowAnonymous();
        // The browsable reference of that document, served from the package's embedded assets (no CDN): /swagger.
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "SnoopRecorder");
            ui.DocumentTitle = "SnoopRecorder API";
        });
        // Without authentication, /api refuses requests a web page of another site sent (Origin, Sec-Fetch-Site).
        app.UseMiddleware<CrossSiteRequestGuard>();
        // Every endpoint needs the API key unless it says AllowAnonymous (the fallback policy); the Swagger UI's own
        // assets, served above, need none.
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        app.MapImportsEndpoints();
        app.MapSessionsEndpoints();
        app.MapSessionStatsEndpoints();
        app.MapExchangesEndpoints();
        app.MapExchangeStreamEndpoints();
        app.MapStreamTicketEndpoints();
        app.MapExchangeContentEndpoints();
        app.MapExchangeCaptureEndpoints();
        app.MapHarEndpoints();
        return app;
    }

    private static bool HasListenAddress(ConfigurationManager configuration) =>
        !string.IsNullOrEmpty(configuration["urls"])
        || !string.IsNullOrEmpty(configuration["http_ports"])
        || !string.IsNullOrEmpty(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").Exists();
}
