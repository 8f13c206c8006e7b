using SnoopRecorder.Packets;

namespace SnoopRecorder.Benchmarks.Reassembly;

/// <summary>Does nothing with the streams but count them, so reassembly is measured alone and can be checked.</summary>
internal sealed class CountingStreamHandler : ITcpStreamHandler, ITcpConnectionObserver
{
    public long DataBytes { get; private set; }

    public long GapBytes { get; private set; }

    public long ConflictBytes { get; private set; }

    public int Ends { get; private set; }

    public int Closed { get; private set; }

    public ITcpStreamHandler? OnConnectionOpened(TcpConnectionInfo connection) => this;

    public void OnData(TcpDirection direction, ReadOnlySpan<byte> data, long timestampNs, long packetIndex, long acknowledged) => DataBytes += data.Length;

    public void OnGap(TcpDirection direction, long length, long timestampNs, long packetIndex) => GapBytes += length;

    public void OnConflict(TcpDirection direction, long length, long timestampNs, long packetIndex) => ConflictBytes += length;

    public void OnEnd(TcpDirection direction, long timestampNs, long packetIndex) => Ends++;

    public void OnClosed(TcpConnectionInfo connection) => Closed++;
}
