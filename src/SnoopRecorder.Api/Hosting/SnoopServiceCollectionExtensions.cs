using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Exchanges.Content;
using SnoopRecorder.Api.Imports;
using SnoopRecorder.Api.Problems;
using SnoopRecorder.Api.Recording;
using SnoopRecorder.Api.Redaction;
using SnoopRecorder.Api.Retention;
using SnoopRecorder.Api.Storage;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Capture.Targets;
using SnoopRecorder.Storage.Connections;
using SnoopRecorder.Storage.Database;
using SnoopRecorder.Storage.Exchanges;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Hosting;

/// <summary>Service registrations shared by the web service and the <c>import</c> command.</summary>
public static class SnoopServiceCollectionExtensions
{
    /// <summary>Options, storage and analysis: everything but HTTP.</summary>
    public static IServiceCollection AddSnoopCore(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RedactionOptions>().BindConfiguration(RedactionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new HeaderRedactor(sp.GetRequiredService<IOptions<RedactionOptions>>().Value.Headers));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(DatabaseFactory.Create);
        services.AddSingleton<SessionRepository>();
        services.AddSingleton<ExchangeRepository>();
        services.AddSingleton<SessionStatsRepository>();
        services.AddSingleton(sp => sp.GetRequiredService<SnoopDatabase>().ExchangeFeed);
        services.AddSingleton<ConnectionRepository>();
        services.AddSingleton<CaptureStore>();
        services.AddSingleton<DiskReserve>();
        services.AddSingleton<DataUsage>();
        services.AddSingleton<DataQuota>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<CaptureImporter>();
        services.AddSingleton<ICaptureFileAnalyzer>(sp =>
            new CaptureFileAnalyzer(sp.GetRequiredService<IOptions<ImportOptions>>().Value.ToAnalysisOptions()));
        return services;
    }

    /// <summary>The background import worker, start-up steps, problems, JSON and OpenAPI of the web service.</summary>
    public static IServiceCollection AddSnoopWeb(this IServiceCollection services)
    {
        services.AddHostedService<DatabaseStartup>();
        services.AddSingleton<ImportQueue>();
        services.AddHostedService<ImportWorker>();
        services.AddOptions<RecordingOptions>().BindConfiguration(RecordingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ExchangeContentOptions>().BindConfiguration(ExchangeContentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IContainerLocator>(sp =>
            new DockerContainerLocator(DockerEndpoint.Choose(sp.GetRequiredService<IOptions<RecordingOptions>>().Value.DockerEndpoint)));
        services.AddSingleton<RecordingTargetResolver>();
        services.AddSingleton<Recorder>();
        services.AddHostedService(sp => sp.GetRequiredService<Recorder>());
        services.AddSingleton<DataQuotaEnforcer>();
        services.AddHostedService(sp => sp.GetRequiredService<DataQuotaEnforcer>());
        services.AddSingleton<RetentionSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionSweeper>());
        services.AddProblemDetails();
        // Binding failures (malformed JSON, an unknown field) throw, so the one exception handler answers them with a
        // problem naming what was wrong instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddOpenApi();
        return services;
    }
}
