using System.Diagnostics;
using SnoopRecorder.Analysis;
using SnoopRecorder.Capture.Files;

namespace SnoopRecorder.Capture.Tests.Fuzz;

/// <summary>
/// Runs the offline analysis an import runs (libpcap reader, reorder window, decoder, reassembly, HTTP parsing) over
/// one file, on a pool thread, and waits for it at most <see cref="Timeout"/>.
/// </summary>
internal sealed class FuzzRunner
{
    public const int MaxBodyBytes = CaptureAnalysisOptions.DefaultMaxBodyBytes;

    private readonly CaptureFileAnalyzer _analyzer = new(new CaptureAnalysisOptions { MaxBodyBytes = MaxBodyBytes });

    /// <summary>Generous: a 32 KB input takes milliseconds; only a loop that never ends comes near it.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(15);

    public RunResult Run(string path)
    {
        var stopwatch = Stopwatch.StartNew();
        var task = Task.Run(() => Analyze(path));
        if (!task.Wait(Timeout))
        {
            // A thread cannot be stopped: it is left to spin, and the run stops here with this input kept.
            return new RunResult(FuzzOutcome.Hung, $"no result after {Timeout.TotalSeconds} s", 0, stopwatch.Elapsed);
        }

        return task.Result with { Elapsed = stopwatch.Elapsed };
    }

    private RunResult Analyze(string path)
    {
        var sink = new InvariantCheckingSink(MaxBodyBytes);
        CaptureAnalysisResult result;
        try
        {
            result = _analyzer.Analyze(path, sink, CancellationToken.None);
        }
        catch (InvalidCaptureFileException e)
        {
            return new RunResult(FuzzOutcome.Refused, e.Message, 0, default);
        }
        catch (Exception e)
        {
            return new RunResult(FuzzOutcome.Crashed, e.ToString(), sink.Exchanges, default);
        }

        sink.Check(result.Exchanges == sink.Exchanges, $"result counts {result.Exchanges} exchanges, the sink got {sink.Exchanges}");
        sink.Check(result.Connections == sink.Connections, $"result counts {result.Connections} connections, {sink.Connections} were reported closed");
        sink.Check(
            sink.Exchanges + sink.Connections == 0 || (sink.MinPacketIndex >= 0 && sink.MaxPacketIndex < result.Packets),
            $"packet indexes {sink.MinPacketIndex}..{sink.MaxPacketIndex} outside the {result.Packets} records read");

        if (sink.Violations.Count > 0)
        {
            return new RunResult(FuzzOutcome.InvariantBroken, string.Join("; ", sink.Violations), sink.Exchanges, default);
        }

        return result.Error is null
            ? new RunResult(FuzzOutcome.Completed, null, sink.Exchanges, default)
            : new RunResult(FuzzOutcome.BrokenMidway, result.Error, sink.Exchanges, default);
    }
}
