using SnoopRecorder.Api.Recording;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Retention;

/// <summary>
/// Once a second, while a quota is set: when the data directory holds <c>Snoop:MaxDataBytes</c> or more, every
/// session still recording stops, <c>stopped</c> with <c>stopReason: dataQuota</c>, keeping what it recorded.
/// </summary>
internal sealed partial class DataQuotaEnforcer(
    DataQuota quota,
    Recorder recorder,
    TimeProvider timeProvider,
    ILogger<DataQuotaEnforcer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // Sessions asked to stop that have not ended yet: asked once, logged once.
    private readonly HashSet<string> _stopping = [];
    private readonly Lock _lock = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (quota.Limit is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Check();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The service is stopping; the recorder ends what still records.
        }
    }

    /// <summary>Stops every recording session when the quota is reached; returns how many were asked to stop.</summary>
    private int Check()
    {
        lock (_lock)
        {
            _stopping.RemoveWhere(id => recorder.Find(id) is null);
            if (recorder.Recordings.Count == 0 || !quota.IsReached(out var used, out var limit))
            {
                return 0;
            }

            var stopped = 0;
            foreach (var recording in recorder.Recordings)
            {
                if (_stopping.Add(recording.SessionId))
                {
                    recording.RequestStop(StopReasons.DataQuota, SessionStatus.Stopped);
                    Log.QuotaReached(logger, recording.SessionId, used, limit);
                    stopped++;
                }
            }

            return stopped;
        }
    }
}
