using SnoopRecorder.Packets.Tests.TestSupport;

namespace SnoopRecorder.Packets.Tests.Tcp;

/// <summary>
/// Which RSTs end a connection (RFC 9293 §3.10.7, RFC 5961 §3): only those plausible for their sender. A RST the
/// endpoint would drop — out of window, or in SYN-SENT not acknowledging the SYN — is counted and ignored, so a forged
/// RST (the classic IDS evasion) does not stop the recording of a connection that goes on. A connection reset before
/// any payload byte is reopened by a later SYN-ACK or data on its 4-tuple (suricata-verify bug-3286-02/03).
/// </summary>
public sealed class ResetPolicyTests
{
    private const uint ClientIsn = 100;
    private const uint ServerIsn = 500;
    private const uint Window = (uint)TcpStreamReassembler.ResetWindowBytes;

    /// <summary>Handshake, a 4-byte request and a 4-byte response, each acknowledged: next client byte 105, next server byte 505.</summary>
    private static TcpTestLink Established()
    {
        var link = new TcpTestLink();
        link.Handshake(ClientIsn, ServerIsn);
        link.Client(101, 501, TcpFlags.Ack | TcpFlags.Psh, "GET ");
        link.Server(501, 105, TcpFlags.Ack | TcpFlags.Psh, "HTTP");
        link.Client(105, 505, TcpFlags.Ack);
        return link;
    }

    [Theory]
    [InlineData(504u)]                   // one below what the client acknowledged: the server's stack drops it
    [InlineData(400u)]                   // before the stream's start
    [InlineData(505u + Window + 1)]      // just past the window
    [InlineData(505u + 0x7000_0000u)]    // far ahead
    public void OutOfWindowReset_MidStream_IsIgnoredAndCounted_AndLaterDataIsDelivered(uint resetSequence)
    {
        var link = Established();
        link.Server(resetSequence, 105, TcpFlags.Rst | TcpFlags.Ack);

        link.Client(105, 505, TcpFlags.Ack | TcpFlags.Psh, "/ok");
        link.Server(505, 108, TcpFlags.Ack | TcpFlags.Psh, " 200");

        var handler = link.Observer.Single;
        Assert.False(handler.Closed);
        Assert.Equal(1, link.Tracker.OpenConnections);
        Assert.Equal(1, link.Tracker.Stats.IgnoredResets);
        Assert.Equal("GET /ok", handler.Text(TcpDirection.FromInitiator));
        Assert.Equal("HTTP 200", handler.Text(TcpDirection.FromResponder));
        Assert.Equal(8, handler.Connection.Packets);   // the ignored RST is not one of the connection's packets
    }

    [Fact]
    public void OutOfWindowReset_FromTheClient_IsIgnoredToo()
    {
        var link = Established();
        link.Client(104, 505, TcpFlags.Rst);

        link.Client(105, 505, TcpFlags.Ack | TcpFlags.Psh, "/");
        Assert.False(link.Observer.Single.Closed);
        Assert.Equal("GET /", link.Observer.Single.Text(TcpDirection.FromInitiator));
        Assert.Equal(1, link.Tracker.Stats.IgnoredResets);
    }

    [Theory]
    [InlineData(506u)]
    [InlineData(505u + 1000)]
    [InlineData(505u + Window)]          // the window's last sequence number
    public void InWindowReset_EndsBothDirectionsAndCloses(uint resetSequence)
    {
        var link = Established();
        link.Server(resetSequence, 105, TcpFlags.Rst | TcpFlags.Ack);
        link.Client(105, 505, TcpFlags.Ack | TcpFlags.Psh, "/late");

        var handler = link.Observer.Single;
        Assert.Equal("I:data(GET ) R:data(HTTP) I:end R:end closed(Reset)", handler.Transcript);
        Assert.Equal(0, link.Tracker.OpenConnections);
        Assert.Equal(0, link.Tracker.Stats.IgnoredResets);
    }

    [Fact]
    public void ResetAtExactlyTheNextSequenceNumber_EndsTheConnection()
    {
        var link = Established();
        link.Server(505, 0, TcpFlags.Rst);

        Assert.Equal(TcpCloseReason.Reset, link.Observer.Single.ClosedWith);
        Assert.Equal(0, link.Tracker.Stats.IgnoredResets);
    }

    [Fact]
    public void ResetAtTheSendersUnacknowledgedData_EndsTheConnection()
    {
        // The server's 10 bytes are delivered but not acknowledged yet: the client may not have them, so a RST at their
        // start can be in its window.
        var link = Established();
        link.Server(505, 105, TcpFlags.Ack | TcpFlags.Psh, "0123456789");
        link.Server(505, 105, TcpFlags.Rst | TcpFlags.Ack);

        Assert.Equal(TcpCloseReason.Reset, link.Observer.Single.ClosedWith);
    }

    [Fact]
    public void ResetAfterAFin_AtTheSequenceNumberAfterTheFin_EndsTheConnection()
    {
        var link = Established();
        link.Server(505, 105, TcpFlags.Ack | TcpFlags.Fin);
        link.Client(105, 506, TcpFlags.Ack);
        link.Server(506, 105, TcpFlags.Rst);

        Assert.Equal("I:data(GET ) R:data(HTTP) R:end I:end closed(Reset)", link.Observer.Single.Transcript);
    }

    [Fact]
    public void ResetInSynSent_AcknowledgingTheSyn_EndsTheAttempt()
    {
        var link = new TcpTestLink();
        link.Client(ClientIsn, 0, TcpFlags.Syn);
        link.Server(0, ClientIsn + 1, TcpFlags.Rst | TcpFlags.Ack);

        Assert.Equal("I:end R:end closed(Reset)", link.Observer.Single.Transcript);
        Assert.Equal(0, link.Tracker.Stats.IgnoredResets);
    }

    [Theory]
    [InlineData(TcpFlags.Rst, ClientIsn + 1)]                  // no ACK: RFC 9293 drops it
    [InlineData(TcpFlags.Rst | TcpFlags.Ack, ClientIsn)]       // acknowledges less than the SYN
    [InlineData(TcpFlags.Rst | TcpFlags.Ack, ClientIsn + 2)]   // acknowledges more than was sent
    public void ResetInSynSent_NotAcknowledgingTheSyn_IsIgnored_AndTheHandshakeGoesOn(TcpFlags flags, uint acknowledgment)
    {
        var link = new TcpTestLink();
        link.Client(ClientIsn, 0, TcpFlags.Syn);
        link.Server(7, acknowledgment, flags);
        link.Server(ServerIsn, ClientIsn + 1, TcpFlags.Syn | TcpFlags.Ack);
        link.Client(ClientIsn + 1, ServerIsn + 1, TcpFlags.Ack | TcpFlags.Psh, "GET /");

        var handler = link.Observer.Single;
        Assert.False(handler.Closed);
        Assert.Equal("GET /", handler.Text(TcpDirection.FromInitiator));
        Assert.Equal(1, link.Tracker.Stats.IgnoredResets);
    }

    [Fact]
    public void ResetInSynSent_AcknowledgingDataSentOnTheSyn_EndsTheAttempt()
    {
        var link = new TcpTestLink();
        link.Client(ClientIsn, 0, TcpFlags.Syn, "early");
        link.Server(0, ClientIsn + 6, TcpFlags.Rst | TcpFlags.Ack);

        Assert.Equal(TcpCloseReason.Reset, link.Observer.Single.ClosedWith);
    }

    [Fact]
    public void ResetFromASenderNotSeenYet_WhenItsPeerIsMidStream_IsAccepted()
    {
        // Nothing says where the server's stream is (its handshake and data were not captured): nothing to judge by.
        var link = new TcpTestLink();
        link.Client(7000, 9000, TcpFlags.Ack | TcpFlags.Psh, "GET /");
        link.Server(123_456, 0, TcpFlags.Rst);

        Assert.Equal(TcpCloseReason.Reset, link.Observer.Single.ClosedWith);
    }

    [Fact]
    public void ResetBeforeAnyData_ThenSynAckAndDataOnTheFourTuple_OpenANewConnectionThatDeliversTheData()
    {
        // suricata-verify bug-3286-02: the server's RST (ACK = client ISN + 1, acceptable in SYN-SENT) and FIN come
        // before its real SYN-ACK, the client answers with a RST of its own, then the handshake and the exchange follow.
        var link = new TcpTestLink();
        link.Client(ClientIsn, 0, TcpFlags.Syn);
        link.Server(0, ClientIsn + 1, TcpFlags.Rst | TcpFlags.Ack);
        link.Server(0, ClientIsn + 1, TcpFlags.Fin | TcpFlags.Ack);
        link.Client(ClientIsn + 1, 0, TcpFlags.Rst);
        link.Server(ServerIsn, ClientIsn + 1, TcpFlags.Syn | TcpFlags.Ack);
        link.Client(ClientIsn + 1, ServerIsn + 1, TcpFlags.Ack);
        link.Client(ClientIsn + 1, ServerIsn + 1, TcpFlags.Ack | TcpFlags.Psh, "GET / HTTP/1.1\r\n\r\n");
        link.Server(ServerIsn + 1, ClientIsn + 19, TcpFlags.Ack | TcpFlags.Psh, "HTTP/1.1 200 OK\r\n\r\n");

        Assert.Equal(2, link.Observer.Connections.Count);
        Assert.Equal("I:end R:end closed(Reset)", link.Observer.Connections[0].Transcript);
        var reopened = link.Observer.Connections[1];
        Assert.Equal(link.ClientEndpoint, reopened.Connection.Initiator);
        Assert.True(reopened.Connection.HandshakeSeen);
        Assert.Equal("GET / HTTP/1.1\r\n\r\n", reopened.Text(TcpDirection.FromInitiator));
        Assert.Equal("HTTP/1.1 200 OK\r\n\r\n", reopened.Text(TcpDirection.FromResponder));
        Assert.Equal(2, link.Tracker.Stats.IgnoredSegments);   // the FIN and the client's RST, absorbed by the reset entry
    }

    [Fact]
    public void ResetBeforeAnyData_ThenDataWithoutAHandshake_OpensANewConnectionFromTheDatasSender()
    {
        // suricata-verify security-4710-01: a RST the server dropped (a wrong TCP MD5 signature) right after the handshake.
        var link = new TcpTestLink();
        link.Handshake(ClientIsn, ServerIsn);
        link.Client(ClientIsn + 1, ServerIsn + 1, TcpFlags.Rst | TcpFlags.Ack);
        link.Client(ClientIsn + 1, ServerIsn + 1, TcpFlags.Ack);
        link.Client(ClientIsn + 1, ServerIsn + 1, TcpFlags.Ack | TcpFlags.Psh, "GET /");
        link.Server(ServerIsn + 1, ClientIsn + 6, TcpFlags.Ack | TcpFlags.Psh, "HTTP");

        Assert.Equal(2, link.Observer.Connections.Count);
        Assert.Equal(TcpCloseReason.Reset, link.Observer.Connections[0].ClosedWith);
        var reopened = link.Observer.Connections[1];
        Assert.Equal(link.ClientEndpoint, reopened.Connection.Initiator);
        Assert.False(reopened.Connection.HandshakeSeen);
        Assert.Equal("GET /", reopened.Text(TcpDirection.FromInitiator));
        Assert.Equal("HTTP", reopened.Text(TcpDirection.FromResponder));
    }

    [Fact]
    public void ResetAfterData_TrailingDataSegments_AreAbsorbed_NotANewConnection()
    {
        var link = Established();
        link.Server(505, 105, TcpFlags.Rst | TcpFlags.Ack);
        link.Client(101, 505, TcpFlags.Ack | TcpFlags.Psh, "GET ");    // a late retransmission
        link.Client(105, 505, TcpFlags.Ack | TcpFlags.Psh, "/more");   // data the server will never read
        link.Server(501, 105, TcpFlags.Ack | TcpFlags.Psh, "HTTP");
        link.Server(ServerIsn, ClientIsn + 1, TcpFlags.Syn | TcpFlags.Ack);

        var handler = link.Observer.Single;
        Assert.Equal("I:data(GET ) R:data(HTTP) I:end R:end closed(Reset)", handler.Transcript);
        Assert.Equal(4, link.Tracker.Stats.IgnoredSegments);
        Assert.Equal(1, link.Tracker.TrackedConnections);
    }

    [Fact]
    public void ResetBeforeAnyData_TrailingSegmentsWithoutPayload_AreAbsorbed()
    {
        var link = new TcpTestLink();
        link.Handshake(ClientIsn, ServerIsn);
        link.Server(ServerIsn + 1, ClientIsn + 1, TcpFlags.Rst | TcpFlags.Ack);
        link.Client(ClientIsn + 1, ServerIsn + 1, TcpFlags.Ack);
        link.Client(ClientIsn + 1, ServerIsn + 1, TcpFlags.Ack | TcpFlags.Fin);
        link.Client(ClientIsn + 1, ServerIsn + 1, TcpFlags.Rst | TcpFlags.Ack);

        Assert.Single(link.Observer.Connections);
        Assert.Equal(3, link.Tracker.Stats.IgnoredSegments);
    }
}
