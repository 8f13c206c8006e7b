using SnoopRecorder.Http.Model;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Benchmarks.Http;

/// <summary>Records every stream call of every connection, in the order the tracker makes them (setup only).</summary>
internal sealed class StreamRecorder : ITcpConnectionObserver
{
    public List<StreamEvent> Events { get; } = [];

    public MemoryStream Data { get; } = new();

    public int Connections { get; private set; }

    public ITcpStreamHandler? OnConnectionOpened(TcpConnectionInfo connection) => new ConnectionStreamRecorder(this, Connections++);

    public void Add(int connection, StreamEventKind kind, TcpDirection direction, ReadOnlySpan<byte> data, long length, long timestampNs, long packetIndex, long acknowledged = -1)
    {
        var offset = (int)Data.Position;
        Data.Write(data);

        // TcpDirection and ConversationSide share their numbering: FromInitiator/Initiator = 0.
        Events.Add(new StreamEvent(connection, kind, (ConversationSide)(byte)direction, offset, (int)length, timestampNs, packetIndex, acknowledged));
    }
}
