namespace SnoopRecorder.Packets;

/// <summary>
/// Receives one connection's two reassembled byte streams. Per direction, calls come in stream order:
/// <see cref="OnData"/> and <see cref="OnGap"/> cover consecutive, never repeated stream ranges, an
/// <see cref="OnConflict"/> comes right before the <see cref="OnData"/> whose bytes it is about, then at most one
/// <see cref="OnEnd"/>; <see cref="OnClosed"/> is the last call of all.
/// </summary>
public interface ITcpStreamHandler
{
    /// <summary>In-order bytes. <paramref name="data"/> is valid only during the call.</summary>
    /// <param name="direction">Who sent them.</param>
    /// <param name="data">The bytes, never empty.</param>
    /// <param name="timestampNs">Unix nanoseconds of the packet that carried them.</param>
    /// <param name="packetIndex">Index of that packet in the capture.</param>
    /// <param name="acknowledged">
    /// The acknowledgment that packet carried, as an offset in the other direction's stream (offsets count gap bytes;
    /// 0 is that direction's first data byte): its sender had received every byte below it. -1 when not known: the
    /// packet had no ACK flag, the other direction was not placed in sequence space yet, or the bytes come from the
    /// out-of-order buffer.
    /// </param>
    void OnData(TcpDirection direction, ReadOnlySpan<byte> data, long timestampNs, long packetIndex, long acknowledged);

    /// <summary><paramref name="length"/> bytes of this direction were sent but will never be delivered (not captured).</summary>
    /// <param name="direction">Whose bytes are missing.</param>
    /// <param name="length">Number of missing bytes, at least 1.</param>
    /// <param name="timestampNs">Unix nanoseconds of the packet that made the tracker give up on them.</param>
    /// <param name="packetIndex">Index of that packet.</param>
    void OnGap(TcpDirection direction, long length, long timestampNs, long packetIndex);

    /// <summary>
    /// The next <paramref name="length"/> delivered bytes of this direction had a different copy in another segment
    /// (overlapping segments that disagree); the first copy seen is what is delivered. The very next call for this
    /// direction is the <see cref="OnData"/> that delivers exactly those bytes.
    /// </summary>
    /// <remarks>
    /// Detected for bytes still buffered out of order when the other copy arrives: the range runs from the first to the
    /// last byte that differed. A differing copy of bytes already delivered is not detected: delivered bytes are not
    /// kept, so it is dropped as a retransmission without being compared.
    /// </remarks>
    /// <param name="direction">Whose bytes were contested.</param>
    /// <param name="length">Number of contested bytes, at least 1.</param>
    /// <param name="timestampNs">Unix nanoseconds of the first packet that carried a different copy.</param>
    /// <param name="packetIndex">Index of that packet.</param>
    void OnConflict(TcpDirection direction, long length, long timestampNs, long packetIndex);

    /// <summary>No more bytes will come from this direction: its FIN was reached in order, a RST came, or the connection closed.</summary>
    void OnEnd(TcpDirection direction, long timestampNs, long packetIndex);

    /// <summary>The connection is over; <paramref name="connection"/> is complete, including its close reason.</summary>
    void OnClosed(TcpConnectionInfo connection);
}
