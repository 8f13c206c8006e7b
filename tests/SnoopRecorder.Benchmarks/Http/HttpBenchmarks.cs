using BenchmarkDotNet.Attributes;
using SnoopRecorder.Benchmarks.Reporting;
using SnoopRecorder.Benchmarks.Traffic;
using SnoopRecorder.Http;
using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Benchmarks.Http;

/// <summary>
/// <see cref="HttpConversation"/> alone: the reassembled streams of every keep-alive connection of the capture
/// (40 exchanges each), replayed chunk by chunk as the tracker delivered them, into a counting sink. One operation is
/// one data chunk (one data-carrying packet); a fresh conversation per connection per invocation. Run with bodies
/// stored (the default cap) and not stored (cap 0), which separates parsing from copying bodies into exchanges.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(HotPathConfig))]
[Throughput(ThroughputBasis.StreamChunk)]
public class HttpBenchmarks
{
    private HttpParserOptions _options = new();
    private ReassembledStreams _streams = null!;
    private HttpConversation?[] _conversations = [];

    [Params(0, HttpParserOptions.DefaultMaxBodyBytes)]
    public int MaxBodyBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _options = new HttpParserOptions { MaxBodyBytes = MaxBodyBytes };
        _streams = ReassembledStreams.Record(SyntheticTraffic.Shared.Frames);
        _conversations = new HttpConversation?[_streams.Connections];
        if (_streams.DataEvents != SyntheticTraffic.DataFrameCount)
        {
            throw new InvalidOperationException($"The tracker delivered {_streams.DataEvents} data chunks, expected one per data frame ({SyntheticTraffic.DataFrameCount}).");
        }

        var sink = Replay();
        var expectedClean = MaxBodyBytes == 0 ? 0 : SyntheticTraffic.Exchanges;
        if (sink.Exchanges != SyntheticTraffic.Exchanges || sink.Complete != SyntheticTraffic.Exchanges || sink.Clean != expectedClean)
        {
            throw new InvalidOperationException(
                $"Parsed {sink.Exchanges} exchanges ({sink.Complete} complete, {sink.Clean} without issues), expected {SyntheticTraffic.Exchanges} ({expectedClean} without issues).");
        }
    }

    [Benchmark(OperationsPerInvoke = SyntheticTraffic.DataFrameCount)]
    public int ConversationsWithCountingSink() => Replay().Exchanges;

    private CountingExchangeSink Replay()
    {
        var sink = new CountingExchangeSink();
        var data = _streams.Data;
        var conversations = _conversations;
        foreach (var e in _streams.Events)
        {
            var conversation = conversations[e.Connection] ??= new HttpConversation(_options, sink, ConversationSide.Initiator);
            switch (e.Kind)
            {
                case StreamEventKind.Data:
                    conversation.OnData(e.Side, data.AsSpan(e.Offset, e.Length), e.TimestampNs, e.PacketIndex, e.Acknowledged);
                    break;
                case StreamEventKind.Gap:
                    conversation.OnGap(e.Side, e.Length, e.TimestampNs, e.PacketIndex);
                    break;
                case StreamEventKind.Conflict:
                    conversation.OnConflict(e.Side, e.Length, e.TimestampNs, e.PacketIndex);
                    break;
                case StreamEventKind.End:
                    conversation.OnEnd(e.Side, e.TimestampNs, e.PacketIndex);
                    break;
                case StreamEventKind.Closed:
                    conversation.Close(e.TimestampNs);
                    conversations[e.Connection] = null;
                    break;
            }
        }

        return sink;
    }
}
