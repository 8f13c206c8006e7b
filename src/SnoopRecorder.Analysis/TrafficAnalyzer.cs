using SnoopRecorder.Http;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Analysis;

/// <summary>
/// The pipeline of one capture, fed one frame at a time: link/IP/TCP decoding, TCP reassembly per connection, then
/// HTTP/1.x parsing per connection, with exchanges handed to the sink as soon as they are whole.
/// Single-threaded: the caller owns the thread (a file read loop, or the analysis thread of a live session).
/// </summary>
public sealed class TrafficAnalyzer : ITcpConnectionObserver
{
    // Idle connections and stale holes are swept every this many packets (cheap, but not per packet).
    private const int SweepInterval = 1024;

    private readonly TcpConnectionTracker _tracker;
    private readonly HttpParserOptions _httpOptions;
    private readonly IAnalysisSink _sink;

    public TrafficAnalyzer(CaptureAnalysisOptions options, IAnalysisSink sink)
    {
        _sink = sink;
        _httpOptions = new HttpParserOptions
        {
            MaxBodyBytes = options.MaxBodyBytes,
            MemoryBudget = new HttpMemoryBudget(options.MaxHeldHttpBytes),
        };
        _tracker = new TcpConnectionTracker(
            new TcpReassemblyOptions { MaxConnections = options.MaxConnections, MaxOutOfOrderBytesTotal = options.MaxOutOfOrderBytes },
            this);
    }

    public long Packets { get; private set; }
    public long Bytes { get; private set; }
    public long SkippedPackets { get; private set; }
    public long Exchanges { get; private set; }
    public long Connections { get; private set; }

    /// <summary>Connections dropped from the full connection table, least recently active first (each one closed and stored).</summary>
    public long EvictedConnections => _tracker.Stats.ConnectionsEvicted;

    /// <summary>
    /// What the HTTP layer of every connection holds now (<see cref="HttpMemoryBudget.Held"/>, 0 once
    /// <see cref="Finish"/> has closed them all) and what gave way when it was spent.
    /// </summary>
    public HttpMemoryBudget HttpMemory => _httpOptions.MemoryBudget!;

    public void OnPacket(int linkType, ReadOnlySpan<byte> frame, long timestampNs, long packetIndex)
    {
        Packets++;
        Bytes += frame.Length;
        if (PacketDecoder.TryDecode(linkType, frame, out var segment) == DecodeResult.Tcp)
        {
            _tracker.Process(segment, timestampNs, packetIndex);
        }
        else
        {
            SkippedPackets++;
        }

        if (Packets % SweepInterval == 0)
        {
            _tracker.Advance(timestampNs);
        }
    }

    /// <summary>
    /// Lets time pass without packets (a quiet live capture): idle connections are flushed and stale holes given up,
    /// as packets of that time would have done.
    /// </summary>
    public void AdvanceTo(long timestampNs) => _tracker.Advance(timestampNs);

    /// <summary>The capture is over: every connection is flushed and closed.</summary>
    public void Finish(long lastTimestampNs) => _tracker.CloseAll(lastTimestampNs);

    ITcpStreamHandler ITcpConnectionObserver.OnConnectionOpened(TcpConnectionInfo connection)
    {
        Connections++;
        return new HttpConnectionBridge(connection, _httpOptions, this);
    }

    internal void Emit(AnalyzedExchange exchange)
    {
        Exchanges++;
        _sink.OnExchange(exchange);
    }

    internal void Emit(AnalyzedConnection connection) => _sink.OnConnectionClosed(connection);
}
