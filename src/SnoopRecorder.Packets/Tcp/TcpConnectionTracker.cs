
namespace SnoopRecorder.Packets;

/// <summary>
/// Tracks TCP connections and reassembles each direction into an in-order byte stream, driven by packet time only.
/// </summary>
/// <remarks>
/// <para><b>Connections.</b> Keyed by VLAN and the unordered endpoint pair. The initiator is the SYN sender, the
/// receiver of a SYN-ACK when the SYN was missed, otherwise the sender of the first packet seen. A lone RST opens nothing.</para>
/// <para><b>Sequence space.</b> Per direction, offset 0 is ISN + 1 when the SYN was seen (a SYN may carry data),
/// otherwise the first sequence number seen. Sequence numbers map to 64-bit offsets by serial arithmetic (RFC 1982)
/// around the next expected byte, so wraparound past 2^32 is a non-event.</para>
/// <para><b>Data.</b> In-order bytes are delivered at once. Out-of-order bytes are buffered in pooled memory, capped per
/// direction by <see cref="TcpReassemblyOptions.MaxOutOfOrderBytesPerDirection"/> and
/// <see cref="TcpReassemblyOptions.MaxOutOfOrderSegmentsPerDirection"/>, and delivered as soon as the hole before them
/// fills. Retransmitted and duplicate bytes are dropped and counted. Overlaps: first seen wins; bytes already
/// delivered or buffered are kept. New bytes that differ from buffered ones are counted as conflicting, and the
/// buffered range they span is announced (<see cref="ITcpStreamHandler.OnConflict"/>) just before it is delivered;
/// delivered bytes are not kept, so a differing copy of them is dropped without being compared (not detected).</para>
/// <para><b>Gaps.</b> A hole becomes <see cref="ITcpStreamHandler.OnGap"/> followed by the data after it when the
/// out-of-order cap is exceeded; when the other direction has acknowledged beyond it and it has persisted
/// <see cref="TcpReassemblyOptions.AckedHoleTimeout"/> (the receiver got the bytes, only the capture lost them; the
/// delay tolerates slightly reordered captures); when a FIN came after it and it persisted that long; on RST; and when
/// the connection is closed, idle-flushed or evicted. A segment cut by the snapshot length is followed by a gap for the
/// bytes that were not captured.</para>
/// <para><b>Ordering.</b> When a packet of one direction carries an ACK, the other direction's due holes are flushed
/// (and everything contiguous delivered) before that packet's own payload, so a request is delivered before the
/// response that acknowledges it.</para>
/// <para><b>Ending.</b> A direction ends (<see cref="ITcpStreamHandler.OnEnd"/>, once) when its data before the FIN is
/// delivered. An acceptable RST ends both directions (RFC 9293 §3.10.7, RFC 5961 §3): when the tracker knows where
/// the sender's stream is (its SYN, a segment of it, or the other side's SYN-ACK), the RST's sequence number must lie
/// between where the receiver is known to be (its highest ACK, or the delivered point when lower) and 1 MiB beyond the
/// highest point seen of the stream (segments come without their window field: a fixed bound); in SYN-SENT
/// (only the other side's SYN seen) it must carry ACK = ISN + 1 of that SYN (up to the end of data sent on it); a RST
/// from a sender of which nothing is known is accepted (nothing to judge it by). Any other RST is counted
/// (<see cref="TcpReassemblyStats.IgnoredResets"/>) and has no effect: the connection goes on. Once both directions
/// have ended the connection closes (<see cref="ITcpStreamHandler.OnClosed"/>) but its entry lingers, absorbing
/// trailing ACKs and retransmitted FINs, until it idles out, is evicted, or a new SYN reuses the 4-tuple; a connection
/// reset before any payload byte went either way is also reopened by a later SYN-ACK or payload-carrying segment (as
/// a capture that missed the SYN would open it). A SYN with another ISN on an open connection that has exchanged data
/// also starts a new connection (the old one closes as <see cref="TcpCloseReason.Reused"/>).</para>
/// <para><b>Bounds.</b> Connections without packets for <see cref="TcpReassemblyOptions.IdleTimeout"/> are closed by
/// <see cref="Advance"/> (or when their next packet arrives). At <see cref="TcpReassemblyOptions.MaxConnections"/>
/// entries the least recently active one is evicted (O(1), an intrusive LRU list). Memory is therefore bounded by
/// MaxConnections × (connection state + the out-of-order caps), whatever the input.</para>
/// <para><b>VLANs.</b> The same 4-tuple on two VLANs is two connections, each opened by its own SYN. Some capture
/// points tag only one direction of a connection (a trunk on one side of a router): a packet whose VLAN key is unknown,
/// and which is not a new SYN, joins the open connection with the same endpoints on another VLAN when that connection
/// has seen nothing from this packet's sender yet.</para>
/// <para>Not thread-safe: one tracker per capture, called from one thread. Allocation-free per packet; a new
/// connection allocates its state once.</para>
/// </remarks>
public sealed partial class TcpConnectionTracker
{
    private readonly TcpReassemblyOptions _options;
    private readonly ITcpConnectionObserver _observer;
    private readonly long _idleTimeoutNs;
    private readonly Dictionary<ConnectionKey, TcpConnection> _connections = [];
    private readonly Dictionary<ConnectionKey, TcpConnection> _byEndpoints = [];
    private readonly ConnectionLruList _lru = new();
    private readonly List<TcpStreamReassembler> _holes = [];
    private long _lastConnectionId;

    /// <summary>Creates a tracker that reports new connections to <paramref name="observer"/>.</summary>
    public TcpConnectionTracker(TcpReassemblyOptions options, ITcpConnectionObserver observer)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(observer);
        options.Validate();
        _options = options;
        _observer = observer;
        _idleTimeoutNs = (long)(options.IdleTimeout.Ticks * TimeSpan.NanosecondsPerTick);
    }

    /// <summary>Running counters.</summary>
    public TcpReassemblyStats Stats { get; } = new();

    /// <summary>Connections opened and not yet closed.</summary>
    public int OpenConnections { get; private set; }

    /// <summary>Entries in the connection table: open connections plus closed ones still lingering.</summary>
    public int TrackedConnections => _connections.Count;

    /// <summary>Feeds one decoded segment.</summary>
    /// <param name="segment">The segment; its payload is read during the call only.</param>
    /// <param name="timestampNs">Packet time, Unix nanoseconds.</param>
    /// <param name="packetIndex">Index of the packet in the capture.</param>
    public void Process(in TcpSegment segment, long timestampNs, long packetIndex)
    {
        Stats.Segments++;
        var key = ConnectionKey.Create(segment.Source, segment.Destination, segment.Vlan);
        var isNewSyn = (segment.Flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn;
        if (_connections.TryGetValue(key, out var connection))
        {
            if (timestampNs - connection.Info.LastPacketNs >= _idleTimeoutNs)
            {
                Close(connection, TcpCloseReason.Idle, connection.Info.LastPacketNs, connection.Info.LastPacketIndex);
                Remove(connection);
                connection = null;
            }
            else if (connection.IsClosed)
            {
                if (!isNewSyn && !connection.IsReopenedBy(segment))
                {
                    Stats.IgnoredSegments++;
                    _lru.MoveToEnd(connection);
                    return;
                }

                Remove(connection);
                connection = null;
            }
            else if (isNewSyn && connection.IsReusedBy(segment))
            {
                Close(connection, TcpCloseReason.Reused, timestampNs, packetIndex);
                Remove(connection);
                connection = null;
            }
        }

        if (connection is null && !isNewSyn)
        {
            connection = AdoptAcrossVlans(key, segment);
        }

        if (connection is null)
        {
            if ((segment.Flags & (TcpFlags.Rst | TcpFlags.Syn)) == TcpFlags.Rst)
            {
                Stats.IgnoredSegments++;
                return;
            }

            connection = Open(key, segment, timestampNs, packetIndex);
        }
        else if ((segment.Flags & TcpFlags.Rst) != 0 && !connection.AcceptsReset(segment))
        {
            // The endpoint drops such a RST (RFC 9293 §3.10.7.4, RFC 5961 §3); so does the recording, else a forged
            // or stale RST would end it while the connection goes on.
            Stats.IgnoredResets++;
            return;
        }

        var info = connection.Info;
        info.LastPacketIndex = packetIndex;
        info.LastPacketNs = timestampNs;
        info.Packets++;
        _lru.MoveToEnd(connection);
        ProcessOpen(connection, segment, timestampNs, packetIndex);
    }

    private void ProcessOpen(TcpConnection connection, in TcpSegment segment, long timestampNs, long packetIndex)
    {
        var fromInitiator = connection.IsFromInitiator(segment);
        if (fromInitiator)
        {
            connection.SeenFromInitiator = true;
        }
        else
        {
            connection.SeenFromResponder = true;
        }

        var sender = fromInitiator ? connection.FromInitiator : connection.FromResponder;
        var receiver = fromInitiator ? connection.FromResponder : connection.FromInitiator;
        var flags = segment.Flags;
        var syn = (flags & TcpFlags.Syn) != 0;
        if (syn)
        {
            sender.StartFromSyn(segment.SequenceNumber);
        }
        else
        {
            sender.StartFromSequence(segment.SequenceNumber);
        }

        var acknowledged = -1L;
        if ((flags & TcpFlags.Ack) != 0)
        {
            if (syn)
            {
                // A SYN-ACK acknowledges ISN + 1 of the other side: where its data starts, even if its SYN was missed.
                receiver.StartFromSequence(segment.AcknowledgmentNumber);
            }

            // Ordering rule: the other direction's due data first, then this packet's payload.
            receiver.OnAcknowledged(segment.AcknowledgmentNumber, timestampNs, packetIndex);
            acknowledged = receiver.ToAcknowledgedOffset(segment.AcknowledgmentNumber);
        }

        var offset = sender.ToOffset(syn ? unchecked(segment.SequenceNumber + 1) : segment.SequenceNumber);
        sender.Receive(offset, segment.Payload, segment.OriginalPayloadLength, timestampNs, packetIndex, acknowledged);
        sender.FlushDueHoles(timestampNs, packetIndex);
        if ((flags & TcpFlags.Fin) != 0)
        {
            sender.OnFin(offset + segment.OriginalPayloadLength, timestampNs, packetIndex);
        }

        if ((flags & TcpFlags.Rst) != 0)
        {
            Close(connection, TcpCloseReason.Reset, timestampNs, packetIndex);
        }
        else if (sender.Ended && receiver.Ended)
        {
            Close(connection, TcpCloseReason.Fin, timestampNs, packetIndex);
        }
    }
}
