using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Imports;
using SnoopRecorder.Api.Sessions;
using SnoopRecorder.Storage.Database;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Storage;

/// <summary>
/// Before anything else starts (the HTTP server included): migrates the database, which resolving
/// <see cref="SnoopDatabase"/> does, marks sessions a previous run left unfinished as interrupted, and deletes the
/// capture files that sessions created with storePackets=false still have (the run ended before they were deleted).
/// </summary>
internal sealed partial class DatabaseStartup(
    SnoopDatabase database,
    SessionRepository sessions,
    CaptureStore store,
    DiskReserve reserve,
    TimeProvider timeProvider,
    IOptions<StorageOptions> options,
    ILogger<DatabaseStartup> logger) : IHostedLifecycleService
{
    internal const string InterruptedError = "the service stopped before this session ended";

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Value.CapturesDirectory);
        reserve.Ensure();
        var count = sessions.InterruptUnfinished(
            timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), InterruptedError, StopReasons.ServiceStopped);
        if (count > 0)
        {
            Log.SessionsInterrupted(logger, count, database.DatabasePath);
        }

        foreach (var session in sessions.ListUnkeptCaptures())
        {
            UnkeptCapture.Discard(sessions, session.Id, store.PathOf(session.CaptureFile!), logger);
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
