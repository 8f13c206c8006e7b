
namespace SnoopRecorder.Packets.Tests.TestSupport;

/// <summary>Counts what all connections deliver without keeping it: for volume tests.</summary>
internal sealed class CountingObserver : ITcpConnectionObserver, ITcpStreamHandler
{
    public long Opened { get; private set; }

    public long Closed { get; private set; }

    public long Bytes { get; private set; }

    public Dictionary<TcpCloseReason, long> CloseReasons { get; } = [];

    public ITcpStreamHandler OnConnectionOpened(TcpConnectionInfo connection)
    {
        Opened++;
        return this;
    }

    public void OnData(TcpDirection direction, ReadOnlySpan<byte> data, long timestampNs, long packetIndex, long acknowledged) => Bytes += data.Length;

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
        Closed++;
        CloseReasons[connection.CloseReason!.Value] = CloseReasons.GetValueOrDefault(connection.CloseReason!.Value) + 1;
    }
}
