using SnoopRecorder.Benchmarks.Traffic;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Benchmarks.Http;

/// <summary>
/// The calls <see cref="TcpConnectionTracker"/> makes over the synthetic capture, recorded once with their bytes in
/// one array, so the HTTP layer can be replayed alone, chunk for chunk as the pipeline feeds it.
/// </summary>
internal sealed class ReassembledStreams
{
    private ReassembledStreams(StreamEvent[] events, byte[] data, int connections)
    {
        Events = events;
        Data = data;
        Connections = connections;
    }

    public StreamEvent[] Events { get; }

    public byte[] Data { get; }

    public int Connections { get; }

    public int DataEvents => Events.Count(e => e.Kind == StreamEventKind.Data);

    public static ReassembledStreams Record(CapturedFrames frames)
    {
        var recorder = new StreamRecorder();
        var tracker = new TcpConnectionTracker(new TcpReassemblyOptions(), recorder);
        for (var i = 0; i < frames.Count; i++)
        {
            if (PacketDecoder.TryDecode(LinkTypes.Ethernet, frames.Frame(i), out var segment) == DecodeResult.Tcp)
            {
                tracker.Process(segment, frames.TimestampsNs[i], i);
            }
        }

        tracker.CloseAll(frames.TimestampsNs[^1]);
        return new ReassembledStreams([.. recorder.Events], recorder.Data.ToArray(), recorder.Connections);
    }
}
