using SnoopRecorder.Packets;

namespace SnoopRecorder.Benchmarks.Http;

/// <summary>Hands one connection's stream calls to the <see cref="StreamRecorder"/>, tagged with the connection's number.</summary>
internal sealed class ConnectionStreamRecorder(StreamRecorder owner, int connection) : ITcpStreamHandler
{
    public void OnData(TcpDirection direction, ReadOnlySpan<byte> data, long timestampNs, long packetIndex, long acknowledged) =>
        owner.Add(connection, StreamEventKind.Data, direction, data, data.Length, timestampNs, packetIndex, acknowledged);

    public void OnGap(TcpDirection direction, long length, long timestampNs, long packetIndex) =>
        owner.Add(connection, StreamEventKind.Gap, direction, [], length, timestampNs, packetIndex);

    public void OnConflict(TcpDirection direction, long length, long timestampNs, long packetIndex) =>
        owner.Add(connection, StreamEventKind.Conflict, direction, [], length, timestampNs, packetIndex);

    public void OnEnd(TcpDirection direction, long timestampNs, long packetIndex) =>
        owner.Add(connection, StreamEventKind.End, direction, [], 0, timestampNs, packetIndex);

    public void OnClosed(TcpConnectionInfo info) =>
        owner.Add(connection, StreamEventKind.Closed, TcpDirection.FromInitiator, [], 0, info.LastPacketNs, info.LastPacketIndex);
}
