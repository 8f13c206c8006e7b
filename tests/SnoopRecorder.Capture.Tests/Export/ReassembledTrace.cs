using SnoopRecorder.Packets;

namespace SnoopRecorder.Capture.Tests.Export;

/// <summary>Checks the TCP invariants a rebuilt trace promises, connection by connection.</summary>
internal static class ReassembledTrace
{
    /// <summary>
    /// Each connection opens with SYN, SYN-ACK, ACK; every later segment continues its sender's sequence exactly, or
    /// jumps forward only on a packet whose comment announces the gap; every ACK acknowledges all the other side has
    /// written; no payload exceeds the MSS; nothing follows a FIN in its direction; times never go backwards.
    /// </summary>
    public static void AssertWellFormed(IReadOnlyList<ReassembledFrame> frames)
    {
        for (var i = 1; i < frames.Count; i++)
        {
            Assert.True(frames[i].TimestampNs >= frames[i - 1].TimestampNs, $"time goes back at frame {i}: {frames[i]}");
        }

        foreach (var connection in Connections(frames))
        {
            AssertConnection(connection);
        }
    }

    /// <summary>The frames of each connection: by endpoint pair, a new one at each SYN without ACK after data.</summary>
    public static List<List<ReassembledFrame>> Connections(IReadOnlyList<ReassembledFrame> frames)
    {
        var open = new Dictionary<(TcpEndpoint, TcpEndpoint), List<ReassembledFrame>>();
        var all = new List<List<ReassembledFrame>>();
        foreach (var frame in frames)
        {
            var key = frame.Source.CompareTo(frame.Destination) < 0 ? (frame.Source, frame.Destination) : (frame.Destination, frame.Source);
            var isNewSyn = frame.Has(TcpFlags.Syn) && !frame.Has(TcpFlags.Ack);
            if (!open.TryGetValue(key, out var list) || (isNewSyn && list.Count > 1))
            {
                list = [];
                open[key] = list;
                all.Add(list);
            }

            list.Add(frame);
        }

        return all;
    }

    private static int CompareTo(this TcpEndpoint a, TcpEndpoint b)
    {
        var byAddress = a.Address.CompareTo(b.Address);
        return byAddress != 0 ? byAddress : a.Port.CompareTo(b.Port);
    }

    private static void AssertConnection(List<ReassembledFrame> frames)
    {
        var trace = string.Join('\n', frames);
        if (frames.Count < 3 || !frames[2].Has(TcpFlags.Ack) || frames[2].Has(TcpFlags.Syn))
        {
            // Not established (a lone SYN, a refused connection): only captured control packets, no data.
            Assert.All(frames, f => Assert.Empty(f.Payload));
            return;
        }

        var syn = frames[0];
        var synAck = frames[1];
        Assert.True(syn.Flags == TcpFlags.Syn, trace);
        Assert.True(synAck.Flags == (TcpFlags.Syn | TcpFlags.Ack) && synAck.Source == syn.Destination, trace);
        Assert.True(synAck.Acknowledgment == syn.Sequence + 1, trace);
        var next = new Dictionary<TcpEndpoint, uint> { [syn.Source] = syn.Sequence + 1, [synAck.Source] = synAck.Sequence + 1 };
        var finished = new HashSet<TcpEndpoint>();
        foreach (var frame in frames.Skip(2))
        {
            var other = frame.Source == syn.Source ? synAck.Source : syn.Source;
            Assert.False(frame.Has(TcpFlags.Syn), $"SYN after the handshake: {frame}\n{trace}");
            Assert.True(frame.Payload.Length <= EthernetTcpFrame.MaxPayload(frame.Source.Address), $"{frame}");
            if (frame.Comment?.Contains("gap:", StringComparison.Ordinal) == true)
            {
                Assert.True((int)(frame.Sequence - next[frame.Source]) > 0, $"a gap comment without a sequence jump: {frame}\n{trace}");
            }
            else
            {
                Assert.True(frame.Sequence == next[frame.Source], $"sequence {frame.Sequence}, expected {next[frame.Source]}: {frame}\n{trace}");
            }

            Assert.True(!finished.Contains(frame.Source) || (frame.Payload.Length == 0 && !frame.Has(TcpFlags.Fin)), $"after FIN: {frame}\n{trace}");
            if (frame.Has(TcpFlags.Ack))
            {
                Assert.True(frame.Acknowledgment == next[other], $"ack {frame.Acknowledgment}, other side at {next[other]}: {frame}\n{trace}");
            }

            next[frame.Source] = frame.Sequence + frame.SequenceLength;
            if (frame.Has(TcpFlags.Fin))
            {
                finished.Add(frame.Source);
            }
        }
    }
}
