using SnoopRecorder.Analysis;
using SnoopRecorder.Api.Redaction;
using SnoopRecorder.Api.Sessions;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Capture.Live;
using SnoopRecorder.Api.Storage;
using SnoopRecorder.Storage.Exchanges;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Recording;

/// <summary>
/// One live session after its capture handle is open. The capture thread appends packets to the session's pcap file
/// (<see cref="RecordingFile"/>); this session's analysis thread follows the file, runs each packet through the same
/// analysis as an import and hands exchanges to the batch writer. The file, not memory, absorbs a backlog: under a
/// load the analysis cannot keep up with, it lags and catches up later, and nothing is dropped for it.
/// A few times a second it commits what was found, stores the counters and checks the time limit and the target.
/// A session created with storePackets=false still writes the file (the analysis follows it), and deletes it when it
/// ends, whatever the reason.
/// </summary>
internal sealed partial class LiveRecording
{
    // Commit, counters and checks this often: exchanges are queryable well within a second of their last packet.
    private const int TickMilliseconds = 250;

    // The target is looked for this often (a /proc readlink).
    private const long LivenessMilliseconds = 1_000;

    // When caught up, connections and holes are aged to this long before the wall clock, leaving time for packets
    // still on their way through the kernel's ring and the file.
    private const long CaughtUpMarginNs = 1_000_000_000;

    private readonly LiveCapture _capture;
    private readonly RecordingFile _file;
    private readonly string _capturePath;
    private readonly ExchangeBatchWriter _writer;
    private readonly TrafficAnalyzer _analyzer;
    private readonly SessionRepository _sessions;
    private readonly RecordingLimits _limits;
    private readonly bool _keepCapture;
    private readonly DiskReserve _reserve;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly long _startedAt;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StopRequest? _stop;
    private long _lastTimestampNs;

    public LiveRecording(
        string sessionId,
        SessionTarget target,
        LiveCapture capture,
        RecordingFile file,
        string capturePath,
        ExchangeBatchWriter writer,
        CaptureAnalysisOptions analysisOptions,
        HeaderRedactor? redactor,
        bool keepCapture,
        RecordingLimits limits,
        SessionRepository sessions,
        DiskReserve reserve,
        TimeProvider timeProvider,
        ILogger logger)
    {
        SessionId = sessionId;
        Target = target;
        _capture = capture;
        _file = file;
        _capturePath = capturePath;
        _writer = writer;
        _analyzer = new TrafficAnalyzer(analysisOptions, new StoringAnalysisSink(writer, sessionId, redactor));
        _limits = limits;
        _keepCapture = keepCapture;
        _sessions = sessions;
        _reserve = reserve;
        _timeProvider = timeProvider;
        _logger = logger;
        _startedAt = timeProvider.GetTimestamp();
        _thread = new Thread(Run) { IsBackground = true, Name = $"snoop-analyse-{sessionId}" };
    }

    public string SessionId { get; }

    public SessionTarget Target { get; }

    /// <summary>Completes once the session's final state is stored.</summary>
    public Task Ended => _ended.Task;

    /// <summary>How much of the capture file holds complete packets (what a download may send while recording).</summary>
    public long FlushedCaptureBytes => _file.FlushedLength;

    /// <summary>Starts capturing into the file and analysing it.</summary>
    public void Start()
    {
        _capture.Start(_file);
        _thread.Start();
    }

    /// <summary>Asks the session to end with this reason and status; the first request wins.</summary>
    public void RequestStop(string reason, SessionStatus status, string? error = null)
    {
        Interlocked.CompareExchange(ref _stop, new StopRequest(reason, status, error), null);
        _capture.Stop();
    }

    private void Run()
    {
        try
        {
            Follow();
        }
        catch (Exception e)
        {
            RequestStop(StopReasons.CaptureFailed, SessionStatus.Failed, $"the recording failed: {e.Message}");
            Log.RecordingCrashed(_logger, SessionId, e);
        }

        Finish();
    }

    /// <summary>Analyses the file as it grows, until the capture has ended and the file is read to its end.</summary>
    private void Follow()
    {
        using var tail = new PcapFileTail(_capturePath);
        var livenessDue = Environment.TickCount64 + LivenessMilliseconds;
        var tickDue = Environment.TickCount64 + TickMilliseconds;
        while (true)
        {
            // Whether the capture had ended before this pass: then what is flushed now is all there will be.
            var captureEnded = _capture.Completion.IsCompleted;
            _file.ResetFlushed();
            var caughtUp = true;
            while (tail.TryReadNext(_file.FlushedLength, out var data, out var timestampNs))
            {
                _analyzer.OnPacket(_capture.LinkType, data, timestampNs, _analyzer.Packets);
                _lastTimestampNs = Math.Max(_lastTimestampNs, timestampNs);
                if (Environment.TickCount64 >= tickDue)
                {
                    caughtUp = false;
                    break;
                }
            }

            if (captureEnded && caughtUp)
            {
                break;
            }

            var now = Environment.TickCount64;
            if (now >= tickDue)
            {
                tickDue = now + TickMilliseconds;
                Tick(caughtUp);
            }

            if (now >= livenessDue)
            {
                livenessDue = now + LivenessMilliseconds;
                if (TargetLiveness.IsGone(Target))
                {
                    RequestStop(StopReasons.TargetExited, SessionStatus.Stopped);
                }
            }

            if (caughtUp)
            {
                // Until the capture thread flushes more (it does every 100 ms while packets come) or the next tick.
                _file.Flushed.WaitOne(TimeSpan.FromMilliseconds(Math.Max(1, tickDue - Environment.TickCount64)));
            }
        }

        if (Volatile.Read(ref _stop) is null)
        {
            EndedByItself();
        }
    }

    /// <summary>The capture ended without a stop request: a limit, its interface gone with the target, or libpcap failed.</summary>
    private void EndedByItself()
    {
        if (_file.LimitReached is { } limit)
        {
            RequestStop(limit, SessionStatus.Stopped);
        }
        else if (TargetLiveness.IsGone(Target) || _capture.Error is null)
        {
            RequestStop(StopReasons.TargetExited, SessionStatus.Stopped);
        }
        else
        {
            RequestStop(StopReasons.CaptureFailed, SessionStatus.Failed, $"the capture ended: {_capture.Error}");
        }
    }

    private void Tick(bool caughtUp)
    {
        _writer.Commit();
        if (caughtUp)
        {
            // Only when the analysis has seen everything captured: aging connections by the wall clock while a
            // backlog waits would close them (and declare their holes) before their own packets are read.
            var nowNs = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
            _analyzer.AdvanceTo(Math.Max(_lastTimestampNs, nowNs - CaughtUpMarginNs));
        }

        _sessions.UpdateProgress(SessionId, _file.Packets, _file.Bytes, _analyzer.SkippedPackets, _capture.KernelDropped, _analyzer.EvictedConnections);
        if (_limits.MaxDuration is { } maxDuration && _timeProvider.GetElapsedTime(_startedAt) >= maxDuration)
        {
            RequestStop(StopReasons.MaxDuration, SessionStatus.Stopped);
        }
    }

    private void Finish()
    {
        var stop = Volatile.Read(ref _stop) ?? new StopRequest(StopReasons.Requested, SessionStatus.Stopped, null);
        var error = stop.Error;
        try
        {
            _capture.Dispose();
            _analyzer.Finish(_lastTimestampNs);
            _writer.Flush();
        }
        catch (Exception e)
        {
            error ??= $"storing the last exchanges failed: {e.Message}";
            stop = stop with { Status = SessionStatus.Failed };
            Log.RecordingCrashed(_logger, SessionId, e);
        }
        finally
        {
            try
            {
                _file.Dispose();
            }
            catch (IOException e)
            {
                // A full disk fails the capture file's last flush; what was flushed before stays readable.
                error ??= $"the capture file could not be completed: {e.Message}";
                stop = stop with { Status = SessionStatus.Failed };
                Log.RecordingCrashed(_logger, SessionId, e);
            }

            _writer.Dispose();
        }

        try
        {
            if (!_keepCapture)
            {
                // Before the final state is stored: a session seen ended no longer has its file.
                UnkeptCapture.Discard(_sessions, SessionId, _capturePath, _logger);
            }

            if (stop.Status == SessionStatus.Failed)
            {
                // The failure may be a full disk: room for the final state first.
                _reserve.Release();
            }

            _sessions.Complete(SessionId, new SessionOutcome
            {
                Status = stop.Status,
                EndedAtMs = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
                Packets = _file.Packets,
                Bytes = _file.Bytes,
                Exchanges = _writer.ExchangesWritten,
                Connections = _writer.ConnectionsWritten,
                SkippedPackets = _analyzer.SkippedPackets,
                EvictedConnections = _analyzer.EvictedConnections,
                Dropped = _capture.KernelDropped,
                Error = error,
                StopReason = stop.Reason,
            });
            Log.RecordingEnded(_logger, SessionId, stop.Reason, _file.Packets, _writer.ExchangesWritten, _capture.KernelDropped);
        }
        catch (Exception e)
        {
            Log.RecordingCrashed(_logger, SessionId, e);
        }
        finally
        {
            _ended.TrySetResult();
        }
    }

    private sealed record StopRequest(string Reason, SessionStatus Status, string? Error);
}
