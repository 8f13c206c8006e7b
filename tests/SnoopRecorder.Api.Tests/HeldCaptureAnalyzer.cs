using SnoopRecorder.Analysis;
using SnoopRecorder.Capture.Files;

namespace SnoopRecorder.Api.Tests;

/// <summary>
/// The real capture analysis, held at its start until <see cref="Release"/>: imports stay <c>analyzing</c> for as long
/// as a test needs them to (a running one in its lane, the next ones in the queue). Disposing releases it.
/// </summary>
public sealed class HeldCaptureAnalyzer : ICaptureFileAnalyzer, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly CaptureFileAnalyzer _analyzer = new(new CaptureAnalysisOptions());
    private readonly ManualResetEventSlim _gate = new();
    private readonly SemaphoreSlim _started = new(0);

    public CaptureAnalysisResult Analyze(string path, IAnalysisSink sink, CancellationToken cancellationToken)
    {
        _started.Release();
        _gate.Wait(cancellationToken);
        return _analyzer.Analyze(path, sink, cancellationToken);
    }

    /// <summary>Waits until one more analysis has started (and is held).</summary>
    public async Task WaitForStartAsync()
    {
        Assert.True(await _started.WaitAsync(Patience), $"no analysis started within {Patience.TotalSeconds} s");
    }

    /// <summary>Lets every analysis, held or to come, run.</summary>
    public void Release() => _gate.Set();

    public void Dispose() => Release();
}
