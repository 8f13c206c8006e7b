using System.Text;
using SnoopRecorder.Packets.Tests.TestSupport;

namespace SnoopRecorder.Packets.Tests.Tcp;

public sealed class ReassemblyOrderTests
{
    private const string Message = "GET /index.html HTTP/1.1\r\nHost: example\r\n\r\n";

    private static IEnumerable<int[]> Permutations(int count)
    {
        var items = Enumerable.Range(0, count).ToArray();
        return Permute(items, 0);

        static IEnumerable<int[]> Permute(int[] items, int start)
        {
            if (start == items.Length)
            {
                yield return (int[])items.Clone();
                yield break;
            }

            for (var i = start; i < items.Length; i++)
            {
                (items[start], items[i]) = (items[i], items[start]);
                foreach (var permutation in Permute(items, start + 1))
                {
                    yield return permutation;
                }

                (items[start], items[i]) = (items[i], items[start]);
            }
        }
    }

    [Theory]
    [InlineData(1000u)]
    [InlineData(0xFFFFFFF0u)] // the stream crosses 2^32
    public void EveryOrderOfSixSegments_DeliversTheOriginalStream(uint isn)
    {
        int[] cuts = [0, 3, 4, 16, 30, 41, Message.Length];
        foreach (var order in Permutations(cuts.Length - 1))
        {
            var link = new TcpTestLink();
            link.Handshake(isn, 5000);
            foreach (var piece in order)
            {
                var seq = unchecked(isn + 1 + (uint)cuts[piece]);
                link.Client(seq, 5001, TcpFlags.Ack | TcpFlags.Psh, Message[cuts[piece]..cuts[piece + 1]]);
            }

            var handler = link.Observer.Single;
            Assert.Equal(Message, handler.Text(TcpDirection.FromInitiator));
            Assert.DoesNotContain(handler.Events, e => e.Kind == StreamEventKind.Gap);
            Assert.Equal(0, link.Tracker.Stats.RetransmittedBytes);
        }
    }

    [Fact]
    public void EveryOrderOfOverlappingSegmentsWithDuplicates_DeliversEachByteOnce()
    {
        (int Start, int End)[] pieces = [(0, 10), (5, 20), (0, 20), (18, 30), (25, Message.Length), (30, 35)];
        foreach (var order in Permutations(pieces.Length))
        {
            var link = new TcpTestLink();
            link.Handshake(77, 5000);
            foreach (var index in order)
            {
                var (start, end) = pieces[index];
                link.Client((uint)(78 + start), 5001, TcpFlags.Ack, Message[start..end]);
            }

            Assert.Equal(Message, link.Observer.Single.Text(TcpDirection.FromInitiator));
            Assert.Equal(0, link.Tracker.Stats.ConflictingBytes);
        }
    }

    [Fact]
    public void RandomSegmentationAndOrder_WithReorderWithinTheCap_DeliversEverything()
    {
        var random = new Random(42);
        var data = new byte[200_000];
        random.NextBytes(data);
        for (var round = 0; round < 20; round++)
        {
            var link = new TcpTestLink();
            var isn = (uint)random.NextInt64(0, uint.MaxValue);
            link.Handshake(isn, 1);
            var segments = new List<(int Start, int Length)>();
            for (var position = 0; position < data.Length;)
            {
                var length = Math.Min(random.Next(1, 3000), data.Length - position);
                segments.Add((position, length));
                position += length;
            }

            // Local shuffles (windows of 8) plus random duplicates: like a real reordering path.
            for (var i = 0; i < segments.Count; i++)
            {
                var j = Math.Min(segments.Count - 1, i + random.Next(8));
                (segments[i], segments[j]) = (segments[j], segments[i]);
            }

            foreach (var (start, length) in segments.Concat(segments.Where(_ => random.Next(10) == 0)))
            {
                link.Send(link.ClientEndpoint, link.ServerEndpoint, unchecked(isn + 1 + (uint)start), 2, TcpFlags.Ack, data.AsSpan(start, length).ToArray());
            }

            Assert.Equal(data, link.Observer.Single.Stream(TcpDirection.FromInitiator));
        }
    }

    [Fact]
    public void Retransmission_IsDroppedAndCounted()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(101, 501, TcpFlags.Ack, "hello ");
        link.Client(101, 501, TcpFlags.Ack, "hello ");
        link.Client(104, 501, TcpFlags.Ack, "lo world");
        Assert.Equal("hello world", link.Observer.Single.Text(TcpDirection.FromInitiator));
        Assert.Equal(1, link.Tracker.Stats.RetransmittedSegments);
        Assert.Equal(6 + 3, link.Tracker.Stats.RetransmittedBytes);
    }

    [Fact]
    public void OverlapWithConflictingData_FirstSeenWins()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(107, 501, TcpFlags.Ack, "world");      // buffered first
        link.Client(106, 501, TcpFlags.Ack, " WORLD!!");   // overlaps the buffered bytes with other data
        link.Client(101, 501, TcpFlags.Ack, "hello");
        Assert.Equal("hello world!!", link.Observer.Single.Text(TcpDirection.FromInitiator));
        Assert.Equal(5, link.Tracker.Stats.ConflictingBytes);
    }

    [Fact]
    public void InOrderSegmentOverlappingBufferedData_KeepsTheBufferedBytes()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(106, 501, TcpFlags.Ack, "abc");
        link.Client(101, 501, TcpFlags.Ack, "01234XYZ9");
        Assert.Equal("01234abc9", link.Observer.Single.Text(TcpDirection.FromInitiator));
        Assert.Equal(3, link.Tracker.Stats.ConflictingBytes);
    }

    [Fact]
    public void OutOfOrderSegments_KeepTheirOwnPacketTimesAndIndexes()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        var laterPacket = link.NextPacketIndex;
        var laterTime = link.Now;
        link.Client(104, 501, TcpFlags.Ack, "def");
        link.Now += TcpTestLink.Millisecond;
        link.Client(101, 501, TcpFlags.Ack, "abc");
        var events = link.Observer.Single.Events.Where(e => e.Kind == StreamEventKind.Data).ToList();
        Assert.Equal(["abc", "def"], events.Select(e => e.Text));
        Assert.Equal(laterPacket + 1, events[0].PacketIndex);
        Assert.Equal(laterPacket, events[1].PacketIndex);
        Assert.Equal(laterTime, events[1].TimestampNs);
    }

    [Fact]
    public void SequenceWraparound_IsANonEvent()
    {
        var link = new TcpTestLink();
        link.Handshake(0xFFFFFFFA, 0xFFFFFFFE);
        link.Client(0xFFFFFFFB, 0xFFFFFFFF, TcpFlags.Ack, "abcde");   // up to 2^32
        link.Client(0x00000003, 0xFFFFFFFF, TcpFlags.Ack, "ijk");     // after the wrap, out of order
        link.Client(0x00000000, 0xFFFFFFFF, TcpFlags.Ack, "fgh");
        link.Server(0xFFFFFFFF, 6, TcpFlags.Ack, "12345");            // the server side wraps too
        Assert.Equal("abcdefghijk", link.Observer.Single.Text(TcpDirection.FromInitiator));
        Assert.Equal("12345", link.Observer.Single.Text(TcpDirection.FromResponder));
    }

    [Fact]
    public void LongStreamCrossingManyWraps_StaysInOrder()
    {
        var observer = new CountingObserver();
        var tracker = new TcpConnectionTracker(new TcpReassemblyOptions(), observer);
        var client = new TcpEndpoint(IpAddressValue.Parse("10.0.0.1"), 1000);
        var server = new TcpEndpoint(IpAddressValue.Parse("10.0.0.2"), 80);
        tracker.Process(new TcpSegment(client, server, 0, 0, TcpFlags.Syn, default), 0, 0);
        var chunk = new byte[60_000];
        uint seq = 1;
        long total = 0;
        for (var i = 0; i < 160_000; i++)
        {
            tracker.Process(new TcpSegment(client, server, seq, 1, TcpFlags.Ack, chunk), i, i + 1);
            seq = unchecked(seq + (uint)chunk.Length);
            total += chunk.Length;
        }

        Assert.True(total > 2L * uint.MaxValue);
        Assert.Equal(total, observer.Bytes);
        Assert.Equal(total, tracker.Stats.BytesDelivered);
        Assert.Equal(0, tracker.Stats.RetransmittedBytes + tracker.Stats.GapBytes);
    }
}
