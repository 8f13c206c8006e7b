using System.Text.Json;
using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Hosting;
using SnoopRecorder.Api.Problems;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Imports;

/// <summary>
/// <c>snooprecorder import FILE [--name NAME] [--no-redact] [--no-packets] [--Key=Value...]</c>: stores and analyses a capture without a server.
/// Progress goes to stderr; the last stdout line is one JSON object {sessionId, packets, exchanges, seconds}.
/// Exit code 0 when the whole file was analysed, 1 otherwise.
/// </summary>
internal static class ImportCommand
{
    public const string Name = "import";
    private const string Usage = "usage: snooprecorder import FILE [--name NAME] [--no-redact] [--no-packets] [--Snoop:DataDirectory=DIR]";

    private static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args)
    {
        if (!ImportCommandArguments.TryParse(args, out var arguments, out var problem))
        {
            await Console.Error.WriteLineAsync($"{problem}\n{Usage}");
            return 1;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        // A one-shot command has no use for watching appsettings.json. The watcher is a recursive inotify watch of the
        // content root (the working directory): started in /tmp it walked thousands of directories for seconds. The
        // flag must come from a source: an indexer assignment on a ConfigurationManager without one is dropped.
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = arguments.ConfigurationArgs,
            Configuration = configuration,
            ContentRootPath = ContentRoot.Choose(arguments.ConfigurationArgs),
        });
        ConfigurationDefaults.AddTo(builder.Configuration);
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSnoopCore();
        using var host = builder.Build();
        try
        {
            return await ImportAsync(host.Services, arguments, cancellation.Token);
        }
        catch (Exception e) when (e is RequestRefusedException or OptionsValidationException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"import failed: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("import cancelled");
            return 1;
        }
    }

    private static async Task<int> ImportAsync(IServiceProvider services, ImportCommandArguments arguments, CancellationToken cancellationToken)
    {
        if (!File.Exists(arguments.File))
        {
            await Console.Error.WriteLineAsync($"import failed: the file '{arguments.File}' does not exist");
            return 1;
        }

        var imports = services.GetRequiredService<ImportService>();
        var importer = services.GetRequiredService<CaptureImporter>();

        var session = await imports.StoreFileAsync(arguments.File, arguments.SessionName, arguments.Privacy, cancellationToken);

        await Console.Error.WriteLineAsync($"analysing {arguments.File} as session {session.Id}...");
        var outcome = importer.Run(session.Id, session.CaptureFile!, cancellationToken);
        if (outcome.Rejected)
        {
            await Console.Error.WriteLineAsync($"import failed: {outcome.RejectedBecause}");
            return 1;
        }

        var final = outcome.Session ?? session;
        if (final.Error is not null)
        {
            await Console.Error.WriteLineAsync($"session {final.Id} is {final.Status.ToString().ToLowerInvariant()}: {final.Error}");
        }

        var summary = new ImportSummary(final.Id, final.Packets, final.Exchanges, Math.Round(outcome.Elapsed.TotalSeconds, 3));
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(summary, SummaryJson));
        return final.Status == SessionStatus.Completed ? 0 : 1;
    }

    private sealed record ImportSummary(string SessionId, long Packets, long Exchanges, double Seconds);
}
