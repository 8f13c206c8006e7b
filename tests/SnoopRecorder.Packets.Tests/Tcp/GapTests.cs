using SnoopRecorder.Packets.Tests.TestSupport;

namespace SnoopRecorder.Packets.Tests.Tcp;

public sealed class GapTests
{
    [Fact]
    public void HoleBeyondTheByteCap_BecomesAGap()
    {
        var link = new TcpTestLink(new TcpReassemblyOptions { MaxOutOfOrderBytesPerDirection = 10 });
        link.Handshake(100, 500);
        link.Client(101, 501, TcpFlags.Ack, "ab");
        link.Client(106, 501, TcpFlags.Ack, "fghij");     // hole of 3 bytes (cde), 5 buffered
        Assert.Equal("I:data(ab)", link.Observer.Single.Transcript);
        link.Client(111, 501, TcpFlags.Ack, "klmnop");    // 11 buffered > 10
        Assert.Equal("I:data(ab) I:gap(3) I:data(fghij) I:data(klmnop)", link.Observer.Single.Transcript);
        Assert.Equal(1, link.Tracker.Stats.OutOfOrderOverflows);
        Assert.Equal(3, link.Tracker.Stats.GapBytes);
    }

    [Fact]
    public void HoleBeyondTheSegmentCap_BecomesAGap()
    {
        var link = new TcpTestLink(new TcpReassemblyOptions { MaxOutOfOrderSegmentsPerDirection = 2 });
        link.Handshake(100, 500);
        link.Client(103, 501, TcpFlags.Ack, "c");
        link.Client(105, 501, TcpFlags.Ack, "e");
        Assert.Empty(link.Observer.Single.Events);
        link.Client(107, 501, TcpFlags.Ack, "g");
        Assert.Equal("I:gap(2) I:data(c)", link.Observer.Single.Transcript);
        link.Client(101, 501, TcpFlags.Ack, "ab");        // too late: already given up
        link.Client(104, 501, TcpFlags.Ack, "d");
        Assert.Equal("I:gap(2) I:data(c) I:data(d) I:data(e)", link.Observer.Single.Transcript);
    }

    [Fact]
    public void AckedHole_BecomesAGapOnlyAfterTheTimeout()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(101, 501, TcpFlags.Ack, "abc");
        link.Client(107, 501, TcpFlags.Ack, "ghi");       // def lost by the capture
        link.Server(501, 110, TcpFlags.Ack);              // the server got everything
        Assert.Equal("I:data(abc)", link.Observer.Single.Transcript);
        link.Now += 999 * TcpTestLink.Millisecond;
        link.Tracker.Advance(link.Now);
        Assert.Equal("I:data(abc)", link.Observer.Single.Transcript);
        link.Now += TcpTestLink.Millisecond;
        link.Tracker.Advance(link.Now);
        Assert.Equal("I:data(abc) I:gap(3) I:data(ghi)", link.Observer.Single.Transcript);
    }

    [Fact]
    public void UnackedHole_WaitsForTheRetransmission()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(101, 501, TcpFlags.Ack, "abc");
        link.Client(107, 501, TcpFlags.Ack, "ghi");
        link.Server(501, 104, TcpFlags.Ack);              // the server is missing def too: it will be retransmitted
        link.Now += 30 * TcpTestLink.Second;
        link.Tracker.Advance(link.Now);
        link.Client(104, 501, TcpFlags.Ack, "def");
        Assert.Equal("I:data(abc) I:data(def) I:data(ghi)", link.Observer.Single.Transcript);
    }

    [Fact]
    public void AckedHoleWithNothingAfterIt_BecomesAGapAfterTheTimeout()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(101, 501, TcpFlags.Ack, "abc");
        link.Server(501, 110, TcpFlags.Ack);              // acks 6 bytes the capture never saw
        link.Now += 2 * TcpTestLink.Second;
        link.Client(110, 501, TcpFlags.Ack, "jkl");
        Assert.Equal("I:data(abc) I:gap(6) I:data(jkl)", link.Observer.Single.Transcript);
    }

    [Fact]
    public void AckedHole_IsFlushedBeforeTheAckingPacketsPayload()
    {
        // The ordering rule: a request hole acknowledged by the response is settled before the response is delivered.
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(101, 501, TcpFlags.Ack, "GET /a");
        link.Client(111, 501, TcpFlags.Ack, "x\r\n\r\n");  // 4 bytes of the request line are missing
        link.Now += 2 * TcpTestLink.Second;
        link.Server(501, 116, TcpFlags.Ack, "HTTP/1.1 200");
        Assert.Equal("I:data(GET /a) I:gap(4) I:data(x\r\n\r\n) R:data(HTTP/1.1 200)", link.Observer.Single.Transcript);
    }

    [Fact]
    public void BufferedRequestBytes_AreDeliveredBeforeTheResponseThatAcksThem()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(104, 501, TcpFlags.Ack, "def");
        link.Client(101, 501, TcpFlags.Ack, "abc");
        link.Server(501, 107, TcpFlags.Ack, "resp");
        Assert.Equal("I:data(abc) I:data(def) R:data(resp)", link.Observer.Single.Transcript);
    }

    [Fact]
    public void HoleBeforeFin_BecomesAGapAfterTheTimeout()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(104, 501, TcpFlags.Ack | TcpFlags.Fin, "def");
        link.Now += TcpTestLink.Second;
        link.Tracker.Advance(link.Now);
        Assert.Equal("I:gap(3) I:data(def) I:end", link.Observer.Single.Transcript);
    }

    [Fact]
    public void HolesAtEndOfCapture_BecomeGapsThenEverythingCloses()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(101, 501, TcpFlags.Ack, "a");
        link.Client(103, 501, TcpFlags.Ack, "c");
        link.Client(105, 501, TcpFlags.Ack, "e");
        link.Tracker.CloseAll(link.Now);
        var handler = link.Observer.Single;
        Assert.Equal("I:data(a) I:gap(1) I:data(c) I:gap(1) I:data(e) I:end R:end closed(EndOfCapture)", handler.Transcript);
        Assert.Equal(0, link.Tracker.OpenConnections);
        Assert.Equal(0, link.Tracker.TrackedConnections);
    }

    [Fact]
    public void SnaplenTruncatedSegment_IsFollowedByAGapForTheMissingBytes()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Send(link.ClientEndpoint, link.ServerEndpoint, 101, 501, TcpFlags.Ack, "abc"u8.ToArray(), originalLength: 10);
        link.Client(111, 501, TcpFlags.Ack, "next");
        Assert.Equal("I:data(abc) I:gap(7) I:data(next)", link.Observer.Single.Transcript);
    }

    [Fact]
    public void GapsNeverRepeatOrOverlapDeliveredBytes()
    {
        // Whatever mix of caps, acks and losses: delivered + gap bytes exactly cover the stream once.
        var random = new Random(9);
        for (var round = 0; round < 200; round++)
        {
            var link = new TcpTestLink(new TcpReassemblyOptions { MaxOutOfOrderSegmentsPerDirection = random.Next(0, 5) });
            link.Handshake(1000, 1);
            var total = 0;
            var segments = new List<(int Start, int Length)>();
            while (total < 400)
            {
                var length = random.Next(1, 40);
                segments.Add((total, length));
                total += length;
            }

            foreach (var (start, length) in segments.OrderBy(_ => random.Next()))
            {
                if (random.Next(6) == 0)
                {
                    continue; // lost by the capture
                }

                link.Now += random.Next(0, 700) * TcpTestLink.Millisecond;
                link.Send(link.ClientEndpoint, link.ServerEndpoint, (uint)(1001 + start), 2, TcpFlags.Ack, new byte[length]);
                if (random.Next(3) == 0)
                {
                    link.Server(2, (uint)(1001 + random.Next(total)), TcpFlags.Ack);
                }
            }

            link.Client((uint)(1001 + total), 2, TcpFlags.Ack | TcpFlags.Fin);
            link.Tracker.CloseAll(link.Now);
            var handler = link.Observer.Single;
            Assert.Equal(total, handler.Stream(TcpDirection.FromInitiator).Length + handler.GapBytes(TcpDirection.FromInitiator));
        }
    }
}
