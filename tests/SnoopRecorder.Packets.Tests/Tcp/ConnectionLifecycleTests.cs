using SnoopRecorder.Packets.Tests.TestSupport;

namespace SnoopRecorder.Packets.Tests.Tcp;

public sealed class ConnectionLifecycleTests
{
    [Fact]
    public void Syn_MakesTheSenderTheInitiator()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(101, 501, TcpFlags.Ack, "GET");
        link.Server(501, 104, TcpFlags.Ack, "HTTP");
        var info = link.Observer.Single.Connection;
        Assert.Equal(1, info.Id);
        Assert.Equal(link.ClientEndpoint, info.Initiator);
        Assert.Equal(link.ServerEndpoint, info.Responder);
        Assert.True(info.HandshakeSeen);
        Assert.Equal(5, info.Packets);
        Assert.Equal(0, info.FirstPacketIndex);
        Assert.Equal(4, info.LastPacketIndex);
        Assert.Equal("GET", link.Observer.Single.Text(TcpDirection.FromInitiator));
        Assert.Equal("HTTP", link.Observer.Single.Text(TcpDirection.FromResponder));
    }

    [Fact]
    public void SynAckFirst_MakesTheReceiverTheInitiator()
    {
        var link = new TcpTestLink();
        link.Server(500, 101, TcpFlags.Syn | TcpFlags.Ack);
        link.Client(101, 501, TcpFlags.Ack, "GET /");
        link.Server(501, 106, TcpFlags.Ack, "HTTP/1.1 200");
        var handler = link.Observer.Single;
        Assert.Equal(link.ClientEndpoint, handler.Connection.Initiator);
        Assert.True(handler.Connection.HandshakeSeen);
        Assert.Equal("GET /", handler.Text(TcpDirection.FromInitiator));
        Assert.Equal("HTTP/1.1 200", handler.Text(TcpDirection.FromResponder));
    }

    [Fact]
    public void SynAckFirst_ClientDataBeforeTheAckIsPlacedByTheSynAcksAckNumber()
    {
        var link = new TcpTestLink();
        link.Server(500, 101, TcpFlags.Syn | TcpFlags.Ack);
        link.Client(106, 501, TcpFlags.Ack, "world");
        link.Client(101, 501, TcpFlags.Ack, "hello");
        Assert.Equal("helloworld", link.Observer.Single.Text(TcpDirection.FromInitiator));
    }

    [Fact]
    public void MissingHandshake_MakesTheFirstSenderTheInitiator()
    {
        var link = new TcpTestLink();
        link.Server(9000, 7000, TcpFlags.Ack | TcpFlags.Psh, "HTTP/1.1 200 OK\r\n");
        link.Client(7000, 9017, TcpFlags.Ack, "GET /next");
        var handler = link.Observer.Single;
        Assert.Equal(link.ServerEndpoint, handler.Connection.Initiator);
        Assert.False(handler.Connection.HandshakeSeen);
        Assert.Equal("HTTP/1.1 200 OK\r\n", handler.Text(TcpDirection.FromInitiator));
        Assert.Equal("GET /next", handler.Text(TcpDirection.FromResponder));
    }

    [Fact]
    public void DataOnSyn_IsDelivered()
    {
        var link = new TcpTestLink();
        link.Client(100, 0, TcpFlags.Syn, "early");
        link.Server(500, 106, TcpFlags.Syn | TcpFlags.Ack);
        link.Client(106, 501, TcpFlags.Ack, " data");
        Assert.Equal("early data", link.Observer.Single.Text(TcpDirection.FromInitiator));
    }

    [Fact]
    public void RetransmittedSyn_DoesNotOpenAnotherConnection()
    {
        var link = new TcpTestLink();
        link.Client(100, 0, TcpFlags.Syn);
        link.Client(100, 0, TcpFlags.Syn);
        link.Server(500, 101, TcpFlags.Syn | TcpFlags.Ack);
        Assert.Single(link.Observer.Connections);
    }

    [Fact]
    public void FinFromBothSides_EndsEachDirectionThenCloses()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(101, 501, TcpFlags.Ack, "req");
        link.Server(501, 104, TcpFlags.Ack | TcpFlags.Fin, "resp");
        link.Client(104, 506, TcpFlags.Ack | TcpFlags.Fin);
        var handler = link.Observer.Single;
        Assert.Equal("I:data(req) R:data(resp) R:end I:end closed(Fin)", handler.Transcript);
        Assert.Equal(TcpCloseReason.Fin, handler.Connection.CloseReason);
        Assert.Equal(0, link.Tracker.OpenConnections);
    }

    [Fact]
    public void FinBeforeMissingData_WaitsForTheData()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(104, 501, TcpFlags.Ack | TcpFlags.Fin, "def");
        Assert.False(link.Observer.Single.Ended(TcpDirection.FromInitiator));
        link.Client(101, 501, TcpFlags.Ack, "abc");
        Assert.Equal("I:data(abc) I:data(def) I:end", link.Observer.Single.Transcript);
    }

    [Fact]
    public void TrailingPacketsAfterClose_AreAbsorbed()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(101, 501, TcpFlags.Ack | TcpFlags.Fin);
        link.Server(501, 102, TcpFlags.Ack | TcpFlags.Fin);
        link.Client(102, 502, TcpFlags.Ack);
        link.Server(501, 102, TcpFlags.Ack | TcpFlags.Fin);
        Assert.Single(link.Observer.Connections);
        Assert.Equal(2, link.Tracker.Stats.IgnoredSegments);
        Assert.Equal(1, link.Tracker.TrackedConnections);
    }

    [Fact]
    public void Reset_EndsBothDirectionsAndCloses()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(101, 501, TcpFlags.Ack, "req");
        link.Server(501, 104, TcpFlags.Rst | TcpFlags.Ack);
        var handler = link.Observer.Single;
        Assert.Equal("I:data(req) I:end R:end closed(Reset)", handler.Transcript);
        Assert.Equal(0, link.Tracker.OpenConnections);
    }

    [Fact]
    public void Reset_FlushesBufferedDataAfterAGap()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(104, 501, TcpFlags.Ack, "def");
        link.Server(501, 101, TcpFlags.Rst);
        Assert.Equal("I:gap(3) I:data(def) I:end R:end closed(Reset)", link.Observer.Single.Transcript);
    }

    [Fact]
    public void LoneReset_OpensNothing()
    {
        var link = new TcpTestLink();
        link.Server(500, 101, TcpFlags.Rst | TcpFlags.Ack);
        Assert.Empty(link.Observer.Connections);
        Assert.Equal(1, link.Tracker.Stats.IgnoredSegments);
    }

    [Fact]
    public void NewSynAfterClose_OpensANewConnectionOnTheSameFourTuple()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(101, 501, TcpFlags.Ack | TcpFlags.Fin, "one");
        link.Server(501, 105, TcpFlags.Ack | TcpFlags.Fin);
        link.Handshake(90_000, 70_000);
        link.Client(90_001, 70_001, TcpFlags.Ack, "two");
        Assert.Equal(2, link.Observer.Connections.Count);
        Assert.Equal("one", link.Observer.Connections[0].Text(TcpDirection.FromInitiator));
        Assert.Equal("two", link.Observer.Connections[1].Text(TcpDirection.FromInitiator));
        Assert.Equal(2, link.Observer.Connections[1].Connection.Id);
    }

    [Fact]
    public void NewSynWithAnotherIsnOnAnOpenConnection_ClosesItAsReusedAndOpensANewOne()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(101, 501, TcpFlags.Ack, "one");
        link.Handshake(90_000, 70_000);
        link.Client(90_001, 70_001, TcpFlags.Ack, "two");
        Assert.Equal(2, link.Observer.Connections.Count);
        Assert.Equal("I:data(one) I:end R:end closed(Reused)", link.Observer.Connections[0].Transcript);
        Assert.Equal("two", link.Observer.Connections[1].Text(TcpDirection.FromInitiator));
    }

    [Fact]
    public void SameFourTupleOnDifferentVlans_AreDifferentConnections()
    {
        var link = new TcpTestLink { Vlan = 10 };
        link.Client(100, 0, TcpFlags.Syn);
        link.Vlan = 20;
        link.Client(100, 0, TcpFlags.Syn);
        Assert.Equal(2, link.Observer.Connections.Count);
        Assert.Equal([10, 20], link.Observer.Connections.Select(c => c.Connection.Vlan));
    }

    [Fact]
    public void ConnectionTaggedInOneDirectionOnly_IsOneConnection()
    {
        // Seen on trunk captures (suricata bug-4376): client to server tagged, server to client untagged.
        var link = new TcpTestLink { Vlan = 3136 };
        link.Client(100, 0, TcpFlags.Syn);
        link.Vlan = 0;
        link.Server(500, 101, TcpFlags.Syn | TcpFlags.Ack);
        link.Vlan = 3136;
        link.Client(101, 501, TcpFlags.Ack | TcpFlags.Psh, "GET / HTTP/1.1\r\n\r\n");
        link.Vlan = 0;
        link.Server(501, 119, TcpFlags.Ack | TcpFlags.Psh, "HTTP/1.1 204 No Content\r\n\r\n");

        var connection = Assert.Single(link.Observer.Connections);
        Assert.Equal("GET / HTTP/1.1\r\n\r\n", connection.Text(TcpDirection.FromInitiator));
        Assert.Equal("HTTP/1.1 204 No Content\r\n\r\n", connection.Text(TcpDirection.FromResponder));
    }

    [Fact]
    public void SecondVlanSendingFromADirectionAlreadySeen_IsAnotherConnection()
    {
        var link = new TcpTestLink { Vlan = 10 };
        link.Client(100, 0, TcpFlags.Syn);
        link.Vlan = 20;
        link.Client(101, 0, TcpFlags.Ack, "data");

        Assert.Equal(2, link.Observer.Connections.Count);
    }

    [Fact]
    public void ObserverReturningNull_IgnoresTheConnectionButTracksIt()
    {
        var tracker = new TcpConnectionTracker(new TcpReassemblyOptions(), new IgnoringObserver());
        var a = new TcpEndpoint(IpAddressValue.Parse("10.0.0.1"), 1);
        var b = new TcpEndpoint(IpAddressValue.Parse("10.0.0.2"), 2);
        tracker.Process(new TcpSegment(a, b, 1, 0, TcpFlags.Syn, default), 0, 0);
        tracker.Process(new TcpSegment(a, b, 2, 0, TcpFlags.Ack, "data"u8), 0, 1);
        Assert.Equal(1, tracker.OpenConnections);
        Assert.Equal(4, tracker.Stats.BytesDelivered);
    }

    private sealed class IgnoringObserver : ITcpConnectionObserver
    {
        public ITcpStreamHandler? OnConnectionOpened(TcpConnectionInfo connection) => null;
    }
}
