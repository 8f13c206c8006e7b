using BenchmarkDotNet.Attributes;
using SnoopRecorder.Benchmarks.Reporting;
using SnoopRecorder.Benchmarks.Traffic;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Packets;
using SnoopRecorder.Analysis;

namespace SnoopRecorder.Benchmarks.Pipeline;

/// <summary>
/// <see cref="TrafficAnalyzer"/> end to end, frame in, exchange out: decoding, reassembly, HTTP parsing and exchange
/// assembly, into a counting sink (no storage, no libpcap). One operation is one frame; a fresh analyzer per invocation.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(HotPathConfig))]
[Throughput(ThroughputBasis.CapturedFrame)]
public class PipelineBenchmarks
{
    private readonly CaptureAnalysisOptions _options = new();
    private CapturedFrames _frames = null!;

    [GlobalSetup]
    public void Setup()
    {
        _frames = SyntheticTraffic.Shared.Frames;
        var sink = Run();
        if (sink.Exchanges != SyntheticTraffic.Exchanges || sink.CompleteExchanges != SyntheticTraffic.Exchanges
            || sink.Connections != SyntheticTraffic.Connections)
        {
            throw new InvalidOperationException(
                $"The analyzer found {sink.Exchanges} exchanges ({sink.CompleteExchanges} complete) on {sink.Connections} connections, "
                + $"expected {SyntheticTraffic.Exchanges} on {SyntheticTraffic.Connections}.");
        }
    }

    [Benchmark(OperationsPerInvoke = SyntheticTraffic.FrameCount)]
    public int TrafficAnalyzerWithCountingSink() => Run().Exchanges;

    private CountingAnalysisSink Run()
    {
        var frames = _frames;
        var sink = new CountingAnalysisSink();
        var analyzer = new TrafficAnalyzer(_options, sink);
        for (var i = 0; i < frames.Count; i++)
        {
            analyzer.OnPacket(LinkTypes.Ethernet, frames.Frame(i), frames.TimestampsNs[i], i);
        }

        analyzer.Finish(frames.TimestampsNs[^1]);
        return sink;
    }
}
