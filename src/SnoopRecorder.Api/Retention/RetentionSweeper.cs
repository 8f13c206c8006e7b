using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Recording;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Retention;

/// <summary>
/// <c>Snoop:RetentionDays</c>: at start and then every <see cref="Interval"/>, deletes the sessions created longer ago
/// than that, with their exchanges, bodies and capture files, as <c>DELETE /api/sessions/{id}</c> does. Sessions still
/// recording or being analysed are left for a later sweep. Each sweep logs one line with how many it deleted.
/// </summary>
internal sealed partial class RetentionSweeper(
    SessionRepository sessions,
    Recorder recorder,
    IOptions<RetentionOptions> options,
    TimeProvider timeProvider,
    ILogger<RetentionSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RetentionDays is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            do
            {
                try
                {
                    await SweepAsync();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database failing, say: the next sweep tries again, and the service goes on serving.
                    Log.SweepFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One sweep now (the hosted service runs one at start and then hourly); returns how many sessions it deleted.</summary>
    internal async Task<int> SweepAsync()
    {
        if (options.Value.RetentionDays is not { } days)
        {
            return 0;
        }

        var cutoff = timeProvider.GetUtcNow() - TimeSpan.FromDays(days);
        var deleted = 0;
        var left = 0;
        foreach (var id in sessions.ListFinishedCreatedBefore(cutoff.ToUnixTimeMilliseconds()))
        {
            try
            {
                if (await recorder.DeleteAsync(id))
                {
                    deleted++;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One session that cannot be deleted now (its files busy, the database locked) does not stop the rest.
                left++;
                Log.SessionNotDeleted(logger, id, e);
            }
        }

        Log.Swept(logger, deleted, cutoff, days, left);
        return deleted;
    }
}
