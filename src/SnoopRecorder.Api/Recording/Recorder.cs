using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Imports;
using SnoopRecorder.Api.Problems;
using SnoopRecorder.Api.Redaction;
using SnoopRecorder.Api.Retention;
using SnoopRecorder.Api.Sessions;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Capture.Live;
using SnoopRecorder.Capture.Targets;
using SnoopRecorder.Api.Storage;
using SnoopRecorder.Storage.Database;
using SnoopRecorder.Storage.Exchanges;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Recording;

/// <summary>
/// Starts, stops and deletes live sessions, and keeps the ones recording. A session is stored only once its capture
/// handle is open in the target's namespace, so a refused target leaves nothing behind. When the service stops, every
/// session still recording is ended cleanly and marked <c>interrupted</c>.
/// </summary>
internal sealed partial class Recorder(
    RecordingTargetResolver resolver,
    SnoopDatabase database,
    SessionRepository sessions,
    CaptureStore store,
    HeaderRedactor redactor,
    DiskReserve reserve,
    DataQuota quota,
    DataUsage usage,
    TimeProvider timeProvider,
    IOptions<RecordingOptions> options,
    IOptions<ImportOptions> analysisOptions,
    ILogger<Recorder> logger) : IHostedService
{
    internal const string PcapFormat = "pcap";
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions TargetJson = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, LiveRecording> _recording = new();
    private readonly Lock _startLock = new();
    private int _starting;
    private volatile bool _shuttingDown;

    public LiveRecording? Find(string sessionId) => _recording.GetValueOrDefault(sessionId);

    /// <summary>The sessions recording now.</summary>
    public ICollection<LiveRecording> Recordings => _recording.Values;

    /// <exception cref="TargetException">The target cannot be recorded.</exception>
    /// <exception cref="RequestRefusedException">
    /// Too many sessions recording, the data directory near its quota, or the service is stopping.
    /// </exception>
    public async Task<SessionRecord> StartAsync(StartRecordingRequest request, CancellationToken cancellationToken)
    {
        quota.EnsureRoomForNewSession();
        Reserve();
        try
        {
            return await StartReservedAsync(request, cancellationToken);
        }
        finally
        {
            lock (_startLock)
            {
                _starting--;
            }
        }
    }

    /// <summary>Stops a recording session and waits until its final state is stored; null when there is no session.</summary>
    public async Task<SessionRecord?> StopAsync(string sessionId)
    {
        if (_recording.TryGetValue(sessionId, out var recording))
        {
            recording.RequestStop(StopReasons.Requested, SessionStatus.Stopped);
            await recording.Ended.WaitAsync(StopTimeout);
        }

        return sessions.Get(sessionId);
    }

    /// <summary>Deletes a session with its exchanges, bodies and capture file, stopping it first if it records.</summary>
    public async Task<bool> DeleteAsync(string sessionId)
    {
        if (_recording.TryGetValue(sessionId, out var recording))
        {
            recording.RequestStop(StopReasons.Requested, SessionStatus.Stopped);
            await recording.Ended.WaitAsync(StopTimeout);
        }

        var session = sessions.Get(sessionId);
        if (session is null)
        {
            return false;
        }

        if (session.Status == SessionStatus.Analyzing)
        {
            throw new RequestRefusedException(
                StatusCodes.Status409Conflict, "Session busy", $"session '{sessionId}' is still being analysed; delete it once it has finished");
        }

        var deleted = sessions.Delete(sessionId);
        if (session.CaptureFile is { } captureFile)
        {
            store.Delete(captureFile);
        }

        // The room it made counts at once (the quota's next check would otherwise see the size of a moment ago).
        usage.Invalidate();
        return deleted;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The service is stopping: every recording ends, keeping what it recorded, as <c>interrupted</c>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _shuttingDown = true;
        var recordings = _recording.Values.ToArray();
        foreach (var recording in recordings)
        {
            recording.RequestStop(StopReasons.ServiceStopped, SessionStatus.Interrupted);
        }

        await Task.WhenAll(recordings.Select(r => r.Ended)).WaitAsync(StopTimeout, cancellationToken);
    }

    private void Reserve()
    {
        lock (_startLock)
        {
            if (_shuttingDown)
            {
                throw new RequestRefusedException(StatusCodes.Status503ServiceUnavailable, "Service stopping", "the service is stopping and starts no new sessions");
            }

            var limit = options.Value.MaxConcurrentSessions;
            if (_recording.Count + _starting >= limit)
            {
                throw new RequestRefusedException(
                    StatusCodes.Status429TooManyRequests,
                    "Too many recording sessions",
                    $"{limit} sessions are recording already, the most this service runs at once " +
                    "(Snoop:Recording:MaxConcurrentSessions): stop one first");
            }

            _starting++;
        }
    }

    private async Task<SessionRecord> StartReservedAsync(StartRecordingRequest request, CancellationToken cancellationToken)
    {
        var id = SessionIds.New();
        var interfaceName = request.Interface ?? LiveCaptureOptions.AnyInterface;
        var filter = string.IsNullOrWhiteSpace(request.Filter) ? null : request.Filter.Trim();
        var snapLength = request.SnapLength ?? LiveCaptureOptions.DefaultSnapLength;

        LiveCapture capture;
        SessionTarget target;
        using (var resolved = await resolver.ResolveAsync(request, cancellationToken))
        {
            capture = await LiveCapture.OpenAsync(
                resolved.Namespace, options.Value.CaptureOptions(interfaceName, filter, snapLength), $"snoop-capture-{id}");
            if (resolved.Namespace is { } opened && capture.NamespaceInode != opened.Inode)
            {
                // The thread did not end up where the descriptor pointed: never record the wrong network.
                capture.Dispose();
                throw new InvalidOperationException(
                    $"the capture opened in network namespace {capture.NamespaceInode}, not in the target's {opened.Inode}");
            }

            // The namespace descriptor is closed here: the capture socket holds the namespace while it records, and
            // a deleted named namespace must be seen to go.
            target = resolved.Description with { NetnsInode = capture.NamespaceInode };
        }

        var captureFile = store.FileNameFor(id, PcapFormat);
        var capturePath = store.PathOf(captureFile);
        var limits = options.Value.LimitsFor(request);
        var privacy = new SessionPrivacy(request.Redact ?? true, request.StorePackets ?? true);
        RecordingFile? file = null;
        ExchangeBatchWriter? writer = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(capturePath)!);
            file = new RecordingFile(new PcapFileWriter(capturePath, capture.LinkType, snapLength), limits);
            sessions.Insert(new SessionRecord
            {
                Id = id,
                Kind = SessionKind.Live,
                Status = SessionStatus.Recording,
                Name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim(),
                CreatedAtMs = timeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
                CaptureFile = captureFile,
                CaptureFormat = PcapFormat,
                Target = JsonSerializer.Serialize(target, TargetJson),
                Interface = interfaceName,
                Filter = filter,
                Redacted = privacy.Redact,
                PacketsStored = privacy.StorePackets,
            });
            writer = new ExchangeBatchWriter(database, id);
            var recording = new LiveRecording(
                id,
                target,
                capture,
                file,
                capturePath,
                writer,
                analysisOptions.Value.ToAnalysisOptions(),
                privacy.Redact ? redactor : null,
                privacy.StorePackets,
                limits,
                sessions,
                reserve,
                timeProvider,
                logger);
            _recording[id] = recording;
            _ = recording.Ended.ContinueWith(_ => _recording.TryRemove(id, out var _), TaskScheduler.Default);
            recording.Start();
            Log.RecordingStarted(logger, id, target.Kind, interfaceName, target.NetnsInode, limits.Describe());
            return sessions.Get(id)!;
        }
        catch
        {
            capture.Dispose();
            writer?.Dispose();
            file?.Dispose();
            sessions.Delete(id);
            store.Delete(captureFile);
            throw;
        }
    }

    internal static SessionTarget? ParseTarget(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<SessionTarget>(json, TargetJson);
}
