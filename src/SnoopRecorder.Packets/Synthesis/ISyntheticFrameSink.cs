namespace SnoopRecorder.Packets;

/// <summary>Receives the frames <see cref="TcpStreamRebuilder"/> writes, each connection's in the order they belong.</summary>
public interface ISyntheticFrameSink
{
    /// <summary>One Ethernet frame.</summary>
    /// <param name="frame">The frame, valid only during the call.</param>
    /// <param name="timestampNs">Packet time, Unix nanoseconds; never earlier than the previous frame of the same connection.</param>
    /// <param name="comment">What the reader should know about this packet (a gap before it, a synthesised packet); usually null.</param>
    void OnFrame(ReadOnlySpan<byte> frame, long timestampNs, string? comment);
}
