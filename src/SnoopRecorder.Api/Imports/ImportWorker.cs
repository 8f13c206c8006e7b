using Microsoft.Extensions.Options;

namespace SnoopRecorder.Api.Imports;

/// <summary>Runs queued analyses in the background, <see cref="ImportOptions.MaxConcurrentImports"/> at a time.</summary>
internal sealed partial class ImportWorker(
    ImportQueue queue,
    CaptureImporter importer,
    IOptions<ImportOptions> options,
    ILogger<ImportWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lanes = Enumerable.Range(0, options.Value.MaxConcurrentImports).Select(_ => RunLaneAsync(stoppingToken));
        return Task.WhenAll(lanes);
    }

    private async Task RunLaneAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in queue.TakeAllAsync(stoppingToken))
            {
                try
                {
                    // The analysis is synchronous and CPU-bound: keep it off the thread that reads the queue.
                    job.Complete(await Task.Run(() => importer.Run(job.SessionId, job.CaptureFile, stoppingToken), CancellationToken.None));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Run records failures itself; this is the database failing while it did. Keep the lane alive.
                    Log.WorkerFault(logger, e);
                    job.Complete(new ImportOutcome(null, null, TimeSpan.Zero));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: sessions still queued stay 'analyzing' and the next start marks them interrupted.
        }
        catch (Exception e)
        {
            Log.WorkerFault(logger, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Hosting.EventIds.ImportWorkerFault, Level = LogLevel.Error, Message = "An import lane stopped on an unexpected error")]
        public static partial void WorkerFault(ILogger logger, Exception exception);
    }
}
