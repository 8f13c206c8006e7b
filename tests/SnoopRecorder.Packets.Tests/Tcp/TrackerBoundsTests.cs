using SnoopRecorder.Packets.Tests.TestSupport;

namespace SnoopRecorder.Packets.Tests.Tcp;

public sealed class TrackerBoundsTests
{
    [Fact]
    public void IdleConnection_IsFlushedAndClosedAsIdle()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(101, 501, TcpFlags.Ack, "a");
        link.Client(103, 501, TcpFlags.Ack, "c");
        var lastPacket = link.NextPacketIndex - 1;
        link.Now += TimeSpan.FromMinutes(2).Ticks * 100 - 1;
        link.Tracker.Advance(link.Now);
        Assert.Equal(1, link.Tracker.OpenConnections);
        link.Now += 1;
        link.Tracker.Advance(link.Now);
        var handler = link.Observer.Single;
        Assert.Equal("I:data(a) I:gap(1) I:data(c) I:end R:end closed(Idle)", handler.Transcript);
        Assert.Equal(lastPacket, handler.Events[^2].PacketIndex);
        Assert.Equal(0, link.Tracker.TrackedConnections);
    }

    [Fact]
    public void PacketAfterTheIdleTimeout_StartsANewConnection()
    {
        var link = new TcpTestLink();
        link.Client(101, 501, TcpFlags.Ack, "a");
        link.Now += 3 * 60 * TcpTestLink.Second;
        link.Client(102, 501, TcpFlags.Ack, "b");
        Assert.Equal(2, link.Observer.Connections.Count);
        Assert.Equal(TcpCloseReason.Idle, link.Observer.Connections[0].ClosedWith);
    }

    [Fact]
    public void AtTheCap_TheLeastRecentlyActiveConnectionIsEvicted()
    {
        var link = new TcpTestLink(new TcpReassemblyOptions { MaxConnections = 3 });
        for (ushort port = 1; port <= 3; port++)
        {
            link.ClientEndpoint = link.ClientEndpoint with { Port = port };
            link.Client(100, 0, TcpFlags.Syn);
        }

        link.ClientEndpoint = link.ClientEndpoint with { Port = 1 };
        link.Client(101, 0, TcpFlags.Ack, "still here");   // connection 1 is now the most recent
        link.ClientEndpoint = link.ClientEndpoint with { Port = 4 };
        link.Client(100, 0, TcpFlags.Syn);

        var closed = link.Observer.Connections.Where(c => c.Closed).ToList();
        var evicted = Assert.Single(closed);
        Assert.Equal(2, evicted.Connection.Initiator.Port);
        Assert.Equal(TcpCloseReason.Evicted, evicted.ClosedWith);
        Assert.Equal(3, link.Tracker.OpenConnections);
        Assert.Equal(1, link.Tracker.Stats.ConnectionsEvicted);
    }

    [Fact]
    public void SynFloodOfManyConnections_StaysUnderTheCap()
    {
        var observer = new CountingObserver();
        var tracker = new TcpConnectionTracker(new TcpReassemblyOptions(), observer);
        var server = new TcpEndpoint(IpAddressValue.Parse("10.0.0.2"), 80);
        const int Flood = 300_000;
        for (var i = 0; i < Flood; i++)
        {
            var client = new TcpEndpoint(IpAddressValue.FromIPv4((uint)(0x0B000000 + (i >> 8))), (ushort)(1024 + (i & 0xFF)));
            tracker.Process(new TcpSegment(client, server, (uint)i, 0, TcpFlags.Syn, default), i * 1000L, i);
            if (i % 4096 == 0)
            {
                tracker.Advance(i * 1000L);
            }
        }

        Assert.Equal(TcpReassemblyOptions.DefaultMaxConnections, tracker.OpenConnections);
        Assert.Equal(TcpReassemblyOptions.DefaultMaxConnections, tracker.TrackedConnections);
        Assert.Equal(Flood, observer.Opened);
        Assert.Equal(Flood - TcpReassemblyOptions.DefaultMaxConnections, observer.CloseReasons[TcpCloseReason.Evicted]);
        tracker.CloseAll(Flood * 1000L);
        Assert.Equal(0, tracker.TrackedConnections);
        Assert.Equal(Flood, observer.Closed);
    }

    [Fact]
    public void OutOfOrderFloodOnOneConnection_StaysUnderTheBufferCap()
    {
        var options = new TcpReassemblyOptions { MaxOutOfOrderBytesPerDirection = 64 * 1024 };
        var link = new TcpTestLink(options);
        link.Handshake(0, 0);
        var payload = new byte[1000];
        for (var i = 0; i < 10_000; i++)
        {
            // Every other segment is missing: each arrival is out of order.
            link.Send(link.ClientEndpoint, link.ServerEndpoint, (uint)(1 + (2 * i + 1) * 1000), 1, TcpFlags.Ack, payload);
        }

        var handler = link.Observer.Single;
        var delivered = handler.Stream(TcpDirection.FromInitiator).Length;
        var bufferedAtMost = options.MaxOutOfOrderBytesPerDirection;
        Assert.True(10_000 * 1000 - delivered <= bufferedAtMost, $"{delivered} delivered");
        Assert.True(link.Tracker.Stats.OutOfOrderOverflows > 9_000);
    }

    [Fact]
    public void OutOfOrderBytesOfAllConnectionsTogether_PastTheirTotal_TheBufferingDirectionGivesUpItsHole()
    {
        var link = new TcpTestLink(new TcpReassemblyOptions { MaxOutOfOrderBytesTotal = 10 });
        foreach (ushort port in new ushort[] { 1, 2 })
        {
            link.ClientEndpoint = link.ClientEndpoint with { Port = port };
            link.Client(101, 501, TcpFlags.Ack, "a");
            link.Client(103, 501, TcpFlags.Ack, "cdefgh");   // byte 102 missing: six bytes wait behind the hole
        }

        // The first connection's six bytes fit the total and keep waiting; the second's would pass it.
        Assert.Equal("I:data(a)", link.Observer.Connections[0].Transcript);
        Assert.Equal("I:data(a) I:gap(1) I:data(cdefgh)", link.Observer.Connections[1].Transcript);
        Assert.Equal(6, link.Tracker.Stats.OutOfOrderBytesHeld);

        link.ClientEndpoint = link.ClientEndpoint with { Port = 1 };
        link.Client(102, 501, TcpFlags.Ack, "b");
        Assert.Equal("I:data(a) I:data(b) I:data(cdefgh)", link.Observer.Connections[0].Transcript);
        Assert.Equal(0, link.Tracker.Stats.OutOfOrderBytesHeld);
    }

    [Fact]
    public void ClosingAConnectionWithBufferedBytes_GivesThemBackToTheTotal()
    {
        var link = new TcpTestLink(new TcpReassemblyOptions { MaxOutOfOrderBytesTotal = 10 });
        link.Client(101, 501, TcpFlags.Ack, "a");
        link.Client(103, 501, TcpFlags.Ack, "cdefgh");
        Assert.Equal(6, link.Tracker.Stats.OutOfOrderBytesHeld);

        link.Tracker.CloseAll(link.Now);

        Assert.Equal(0, link.Tracker.Stats.OutOfOrderBytesHeld);
    }
}
