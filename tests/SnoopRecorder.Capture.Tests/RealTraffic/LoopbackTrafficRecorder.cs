using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.TestSupport;
using Xunit.Abstractions;
using SnoopRecorder.Analysis;

namespace SnoopRecorder.Capture.Tests.RealTraffic;

/// <summary>
/// Records real HTTP traffic once for the whole collection: nginx on loopback, several tcpdump/tshark captures of
/// the same traffic, curl and ab as clients. Tests read the capture files through the real analyzer.
/// </summary>
public sealed partial class LoopbackTrafficRecorder : IAsyncLifetime
{
    private const string SkipVariable = "SNOOP_SKIP_PRIVILEGED";
    private const string KeepVariable = "SNOOP_KEEP_CAPTURES";

    private readonly ConcurrentDictionary<CaptureKind, Lazy<AnalyzedCapture>> _analyses = new();
    private DirectoryInfo? _directory;
    private TrafficRecording? _recording;
    private CaptureUnavailableException? _unavailable;
    private ExceptionDispatchInfo? _failure;

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("snoop-real-traffic-");
        try
        {
            _recording = await RecordAsync(_directory.FullName);
        }
        catch (CaptureUnavailableException e)
        {
            _unavailable = e;
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
        }
    }

    public Task DisposeAsync()
    {
        if (_directory is not null && Environment.GetEnvironmentVariable(KeepVariable) != "1")
        {
            _directory.Delete(recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The recording; false (after saying so in the test output) when packets cannot be captured here and
    /// SNOOP_SKIP_PRIVILEGED=1. Without that variable a missing capture privilege fails the test, with the reason.
    /// </summary>
    internal bool TryGetRecording(ITestOutputHelper output, [NotNullWhen(true)] out TrafficRecording? recording)
    {
        _failure?.Throw();
        if (_unavailable is not null)
        {
            if (Environment.GetEnvironmentVariable(SkipVariable) != "1")
            {
                throw new InvalidOperationException(_unavailable.Message, _unavailable);
            }

            output.WriteLine($"Not run ({SkipVariable}=1): {_unavailable.Message}");
            recording = null;
            return false;
        }

        recording = _recording!;
        output.WriteLine($"Captures in {_directory!.FullName} (kept when {KeepVariable}=1), nginx on port {recording.ServerPort}.");
        return true;
    }

    /// <summary>Runs the analyzer over one capture file (once; later calls share the result).</summary>
    internal AnalyzedCapture Analyze(TrafficRecording recording, CaptureKind kind) =>
        _analyses.GetOrAdd(kind, k => new Lazy<AnalyzedCapture>(() => AnalyzeFile(recording.Files[k]))).Value;

    private static AnalyzedCapture AnalyzeFile(string path)
    {
        var sink = new CollectingSink();
        var result = new CaptureFileAnalyzer(new CaptureAnalysisOptions()).Analyze(path, sink, CancellationToken.None);
        return new AnalyzedCapture(result, sink);
    }

    private static long NowUnixNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
}
