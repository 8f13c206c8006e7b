using SnoopRecorder.Capture.Files;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Capture.Export;

/// <summary>
/// Decides, record by record in file order, which records of a capture belong to a set of TCP connections: those whose
/// TCP endpoints (either direction, any VLAN) are a connection's and that lie within its window. Free of I/O: fed the
/// records of one sequential pass.
/// </summary>
/// <remarks>
/// A window is the connection's records between its first and last packet in the order the analysis read them, plus
/// records of the same endpoints up to <see cref="ReorderedPackets"/> before its first (a file out of time order) and
/// up to <see cref="TrailingPackets"/> after its last (the final ACK and retransmitted FINs, which the analysis does
/// not count once both sides closed), stopping at a new SYN of the same endpoints. VLAN tags are not compared, as
/// Wireshark does not: some capture points tag one direction only. IP fragments are not reassembled and not taken.
/// </remarks>
public sealed class ConnectionPacketSelector
{
    /// <summary>How far before its first packet a record of the connection may sit: the analysis's reorder window.</summary>
    public const int ReorderedPackets = PacketReorderWindow.DefaultMaxPackets;

    /// <summary>How many records after its last packet are searched for the connection's trailing packets.</summary>
    public const int TrailingPackets = 1024;

    private readonly Dictionary<EndpointPair, List<WindowState>> _windows = [];

    public ConnectionPacketSelector(IEnumerable<ConnectionWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        foreach (var window in windows)
        {
            var key = EndpointPair.Of(window.First, window.Second);
            if (!_windows.TryGetValue(key, out var states))
            {
                states = [];
                _windows.Add(key, states);
            }

            var state = new WindowState(window);
            states.Add(state);
            EndIndex = Math.Max(EndIndex, state.EndIndex);
        }
    }

    /// <summary>No record after this one can be selected: a reader may stop there.</summary>
    public long EndIndex { get; } = -1;

    /// <summary>Whether record <paramref name="index"/> (0-based) belongs to one of the connections.</summary>
    public bool Selects(int linkType, ReadOnlySpan<byte> frame, long timestampNs, long index)
    {
        if (index > EndIndex || PacketDecoder.TryDecode(linkType, frame, out var segment) != DecodeResult.Tcp
            || !_windows.TryGetValue(EndpointPair.Of(segment.Source, segment.Destination), out var states))
        {
            return false;
        }

        var isNewSyn = (segment.Flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn;
        var selected = false;

        // Every window sees the record, so that a new SYN closes the tail of each earlier connection on the 4-tuple.
        foreach (var state in states)
        {
            selected |= state.Takes(index, timestampNs, isNewSyn);
        }

        return selected;
    }
}
