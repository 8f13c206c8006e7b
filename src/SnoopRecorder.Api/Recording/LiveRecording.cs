using SnoopRecorder.Analysis;
using SnoopRecorder.Api.Sessions;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Capture.Live;
using SnoopRecorder.Storage.Exchanges;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Recording;

/// <summary>
/// One live session after its capture handle is open: a consumer thread takes the capture's packets, appends each to
/// the session's pcap file, runs it through the same analysis as an import, and hands exchanges to the batch writer.
/// A few times a second it commits what was found, flushes the capture file, stores the counters and checks the
/// limits and the target. It ends by itself (limit, target gone, capture error) or when asked.
/// </summary>
internal sealed partial class LiveRecording
{
    // Commit, flush and counters this often: exchanges are queryable well within a second of their last packet.
    private const long TickMilliseconds = 250;

    // The target is looked for this often (a /proc readlink).
    private const long LivenessMilliseconds = 1_000;

    private readonly LiveCapture _capture;
    private readonly PcapFileWriter _file;
    private readonly ExchangeBatchWriter _writer;
    private readonly TrafficAnalyzer _analyzer;
    private readonly SessionRepository _sessions;
    private readonly RecordingLimits _limits;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly long _startedAt;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StopRequest? _stop;
    private bool _limitReached;
    private long _lastTimestampNs;

    public LiveRecording(
        string sessionId,
        SessionTarget target,
        LiveCapture capture,
        PcapFileWriter file,
        ExchangeBatchWriter writer,
        CaptureAnalysisOptions analysisOptions,
        RecordingLimits limits,
        SessionRepository sessions,
        TimeProvider timeProvider,
        ILogger logger)
    {
        SessionId = sessionId;
        Target = target;
        _capture = capture;
        _file = file;
        _writer = writer;
        _analyzer = new TrafficAnalyzer(analysisOptions, new StoringAnalysisSink(writer, sessionId));
        _limits = limits;
        _sessions = sessions;
        _timeProvider = timeProvider;
        _logger = logger;
        _startedAt = timeProvider.GetTimestamp();
        _thread = new Thread(Run) { IsBackground = true, Name = $"snoop-record-{sessionId}" };
    }

    public string SessionId { get; }

    public SessionTarget Target { get; }

    /// <summary>Completes once the session's final state is stored.</summary>
    public Task Ended => _ended.Task;

    /// <summary>How much of the capture file holds complete packets (what a download may send while recording).</summary>
    public long FlushedCaptureBytes => _file.FlushedLength;

    public void Start() => _thread.Start();

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
            Consume();
        }
        catch (Exception e)
        {
            RequestStop(StopReasons.CaptureFailed, SessionStatus.Failed, $"the recording failed: {e.Message}");
            Log.RecordingCrashed(_logger, SessionId, e);
        }

        Finish();
    }

    private void Consume()
    {
        var reader = _capture.Packets;
        var tickDue = Environment.TickCount64 + TickMilliseconds;
        var livenessDue = Environment.TickCount64 + LivenessMilliseconds;
        while (true)
        {
            while (reader.TryRead(out var packet))
            {
                try
                {
                    // After a limit nothing more is recorded; after a stop request, what was captured before it is.
                    if (!_limitReached)
                    {
                        Record(packet);
                    }
                }
                finally
                {
                    _capture.Release(packet);
                }

                if (Environment.TickCount64 >= tickDue)
                {
                    break;
                }
            }

            if (reader.Completion.IsCompleted)
            {
                break;
            }

            var now = Environment.TickCount64;
            if (now >= tickDue)
            {
                tickDue = now + TickMilliseconds;
                Tick();
            }

            if (now >= livenessDue)
            {
                livenessDue = now + LivenessMilliseconds;
                if (TargetLiveness.IsGone(Target))
                {
                    RequestStop(StopReasons.TargetExited, SessionStatus.Stopped);
                }
            }

            if (!reader.TryPeek(out _))
            {
                // Nothing queued: sleep until a packet comes or the next tick is due.
                reader.WaitToReadAsync().AsTask().Wait(TimeSpan.FromMilliseconds(Math.Max(1, tickDue - Environment.TickCount64)));
            }
        }

        if (Volatile.Read(ref _stop) is null)
        {
            // The capture ended by itself: its interface went away with the target, or libpcap failed.
            if (TargetLiveness.IsGone(Target) || _capture.Error is null)
            {
                RequestStop(StopReasons.TargetExited, SessionStatus.Stopped);
            }
            else
            {
                RequestStop(StopReasons.CaptureFailed, SessionStatus.Failed, $"the capture ended: {_capture.Error}");
            }
        }
    }

    private void Record(in CapturedPacket packet)
    {
        if (_limits.MaxBytes is { } maxBytes && _analyzer.Bytes + packet.Length > maxBytes)
        {
            // The capture never holds more than maxBytes: the packet that would pass it is not kept.
            ReachLimit(StopReasons.MaxBytes);
            return;
        }

        var index = _analyzer.Packets;
        _file.Write(packet.TimestampNs, packet.Data, packet.WireLength);
        _analyzer.OnPacket(_capture.LinkType, packet.Data, packet.TimestampNs, index);
        _lastTimestampNs = Math.Max(_lastTimestampNs, packet.TimestampNs);
        if (_limits.MaxPackets is { } maxPackets && _analyzer.Packets >= maxPackets)
        {
            ReachLimit(StopReasons.MaxPackets);
        }
    }

    private void ReachLimit(string reason)
    {
        _limitReached = true;
        RequestStop(reason, SessionStatus.Stopped);
    }

    private void Tick()
    {
        _writer.Commit();
        _file.Flush();
        _analyzer.AdvanceTo(_timeProvider.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000);
        _sessions.UpdateProgress(SessionId, _analyzer.Packets, _analyzer.Bytes, _analyzer.SkippedPackets, Dropped);
        if (_limits.MaxDuration is { } maxDuration && _timeProvider.GetElapsedTime(_startedAt) >= maxDuration)
        {
            ReachLimit(StopReasons.MaxDuration);
        }
    }

    private long Dropped => _capture.KernelDropped + _capture.QueueDropped;

    private void Finish()
    {
        var stop = Volatile.Read(ref _stop) ?? new StopRequest(StopReasons.Requested, SessionStatus.Stopped, null);
        var error = stop.Error;
        try
        {
            _capture.Dispose();
            _analyzer.Finish(Math.Max(_lastTimestampNs, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000));
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
            _file.Dispose();
            _writer.Dispose();
        }

        try
        {
            _sessions.Complete(SessionId, new SessionOutcome
            {
                Status = stop.Status,
                EndedAtMs = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
                Packets = _analyzer.Packets,
                Bytes = _analyzer.Bytes,
                Exchanges = _writer.ExchangesWritten,
                Connections = _writer.ConnectionsWritten,
                SkippedPackets = _analyzer.SkippedPackets,
                Dropped = Dropped,
                Error = error,
                StopReason = stop.Reason,
            });
            Log.RecordingEnded(_logger, SessionId, stop.Reason, _analyzer.Packets, _writer.ExchangesWritten, Dropped);
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
