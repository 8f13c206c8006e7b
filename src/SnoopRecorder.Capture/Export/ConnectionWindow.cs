using SnoopRecorder.Packets;

namespace SnoopRecorder.Capture.Export;

/// <summary>
/// One TCP connection to cut out of a capture: its two endpoints (either may be the sender of a packet) and the first
/// and last packets the analysis gave it, as 0-based record numbers in the capture file and packet times.
/// </summary>
/// <param name="First">One endpoint (the initiator or the client).</param>
/// <param name="Second">The other endpoint.</param>
/// <param name="FirstPacketIndex">Record number of the connection's first packet.</param>
/// <param name="FirstPacketNs">Packet time of that record, Unix nanoseconds.</param>
/// <param name="LastPacketIndex">Record number of its last packet; <see cref="long.MaxValue"/> while it is open.</param>
/// <param name="LastPacketNs">Packet time of that record; <see cref="long.MaxValue"/> while it is open.</param>
public sealed record ConnectionWindow(
    TcpEndpoint First,
    TcpEndpoint Second,
    long FirstPacketIndex,
    long FirstPacketNs,
    long LastPacketIndex,
    long LastPacketNs)
{
    /// <summary>True when the connection had not closed: every later packet of its endpoints belongs to it.</summary>
    public bool IsOpenEnded => LastPacketIndex == long.MaxValue;

    /// <summary>A connection not closed yet (no row written): from a known packet to the end of the capture.</summary>
    public static ConnectionWindow OpenFrom(TcpEndpoint first, TcpEndpoint second, long firstPacketIndex, long firstPacketNs) =>
        new(first, second, firstPacketIndex, firstPacketNs, long.MaxValue, long.MaxValue);
}
