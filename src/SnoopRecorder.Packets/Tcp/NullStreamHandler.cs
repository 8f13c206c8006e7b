namespace SnoopRecorder.Packets;

/// <summary>Stands in when the observer is not interested in a connection.</summary>
internal sealed class NullStreamHandler : ITcpStreamHandler
{
    public static readonly NullStreamHandler Instance = new();

    public void OnData(TcpDirection direction, ReadOnlySpan<byte> data, long timestampNs, long packetIndex, long acknowledged)
    {
    }

    public void OnGap(TcpDirection direction, long length, long timestampNs, long packetIndex)
    {
    }

    public void OnConflict(TcpDirection direction, long length, long timestampNs, long packetIndex)
    {
    }

    public void OnEnd(TcpDirection direction, long timestampNs, long packetIndex)
    {
    }

    public void OnClosed(TcpConnectionInfo connection)
    {
    }
}
