using BenchmarkDotNet.Attributes;
using SnoopRecorder.Benchmarks.Reporting;
using SnoopRecorder.Benchmarks.Traffic;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Benchmarks.Reassembly;

/// <summary>
/// <see cref="TcpConnectionTracker"/> over every frame of the capture (decoding included, as the tracker takes decoded
/// segments), with a handler that only counts. Each operation is one frame; a fresh tracker per invocation, so
/// connection set-up is part of the cost as it is in a real capture.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(HotPathConfig))]
[Throughput(ThroughputBasis.CapturedFrame)]
public class ReassemblyBenchmarks
{
    private CapturedFrames _frames = null!;

    [GlobalSetup]
    public void Setup()
    {
        var traffic = SyntheticTraffic.Shared;
        _frames = traffic.Frames;
        var handler = Run();
        if (handler.DataBytes != traffic.PayloadBytes || handler.GapBytes != 0 || handler.Closed != SyntheticTraffic.Connections)
        {
            throw new InvalidOperationException(
                $"Reassembly delivered {handler.DataBytes} of {traffic.PayloadBytes} payload bytes, {handler.GapBytes} gap bytes, "
                + $"closed {handler.Closed} of {SyntheticTraffic.Connections} connections.");
        }
    }

    [Benchmark(OperationsPerInvoke = SyntheticTraffic.FrameCount)]
    public long TrackerWithCountingHandler() => Run().DataBytes;

    private CountingStreamHandler Run()
    {
        var frames = _frames;
        var handler = new CountingStreamHandler();
        var tracker = new TcpConnectionTracker(new TcpReassemblyOptions(), handler);
        for (var i = 0; i < frames.Count; i++)
        {
            if (PacketDecoder.TryDecode(LinkTypes.Ethernet, frames.Frame(i), out var segment) == DecodeResult.Tcp)
            {
                tracker.Process(segment, frames.TimestampsNs[i], i);
            }
        }

        tracker.CloseAll(frames.TimestampsNs[^1]);
        return handler;
    }
}
