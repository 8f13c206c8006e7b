namespace SnoopRecorder.Packets;

/// <summary>
/// Receives one connection's two reassembled byte streams. Per direction, calls come in stream order:
/// <see cref="OnData"/> and <see cref="OnGap"/> cover consecutive, never repeated stream ranges, then at most one
/// <see cref="OnEnd"/>; <see cref="OnClosed"/> is the last call of all.
/// </summary>
public interface ITcpStreamHandler
{
    /// <summary>In-order bytes. <paramref name="data"/> is valid only during the call.</summary>
    /// <param name="direction">Who sent them.</param>
    /// <param name="data">The bytes, never empty.</param>
    /// <param name="timestampNs">Unix nanoseconds of the packet that carried them.</param>
    /// <param name="packetIndex">Index of that packet in the capture.</param>
    void OnData(TcpDirection direction, ReadOnlySpan<byte> data, long timestampNs, long packetIndex);

    /// <summary><paramref name="length"/> bytes of this direction were sent but will never be delivered (not captured).</summary>
    /// <param name="direction">Whose bytes are missing.</param>
    /// <param name="length">Number of missing bytes, at least 1.</param>
    /// <param name="timestampNs">Unix nanoseconds of the packet that made the tracker give up on them.</param>
    /// <param name="packetIndex">Index of that packet.</param>
    void OnGap(TcpDirection direction, long length, long timestampNs, long packetIndex);

    /// <summary>No more bytes will come from this direction: its FIN was reached in order, a RST came, or the connection closed.</summary>
    void OnEnd(TcpDirection direction, long timestampNs, long packetIndex);

    /// <summary>The connection is over; <paramref name="connection"/> is complete, including its close reason.</summary>
    void OnClosed(TcpConnectionInfo connection);
}
