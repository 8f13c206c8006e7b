using SnoopRecorder.Packets.Tests.TestSupport;

namespace SnoopRecorder.Packets.Tests.Tcp;

public sealed class AcknowledgmentTests
{
    private const TcpDirection Client = TcpDirection.FromInitiator;
    private const TcpDirection Server = TcpDirection.FromResponder;

    [Fact]
    public void Data_CarriesItsPacketsAcknowledgment_AsAnOffsetInTheOtherDirectionsStream()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(101, 501, TcpFlags.Ack, "GET");
        link.Server(501, 104, TcpFlags.Ack, "HTTP");
        link.Client(104, 505, TcpFlags.Ack, "more");

        Assert.Equal(
            [(Client, "GET", 0L), (Server, "HTTP", 3L), (Client, "more", 4L)],
            link.Observer.Single.Acknowledgments);
    }

    [Fact]
    public void AcknowledgmentOfBytesLostInAGap_CountsThem()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(101, 501, TcpFlags.Ack, "GET");

        // The server's first 10 bytes were never captured; the client received them.
        link.Server(511, 104, TcpFlags.Ack, "tail");
        link.Client(104, 515, TcpFlags.Ack, "next");

        Assert.Contains((Client, "next", 14L), link.Observer.Single.Acknowledgments);
    }

    [Fact]
    public void DataWithoutAckFlag_HasNoAcknowledgment()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(101, 501, TcpFlags.Psh, "GET");

        Assert.Equal([(Client, "GET", -1L)], link.Observer.Single.Acknowledgments);
    }

    [Fact]
    public void BytesDeliveredFromTheOutOfOrderBuffer_HaveNoAcknowledgment()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(104, 501, TcpFlags.Ack, "def");
        link.Client(101, 501, TcpFlags.Ack, "abc");

        Assert.Equal([(Client, "abc", 0L), (Client, "def", -1L)], link.Observer.Single.Acknowledgments);
    }

    [Fact]
    public void AcknowledgmentOfADirectionNotSeenYet_IsUnknown()
    {
        var link = new TcpTestLink();
        link.Client(7000, 9017, TcpFlags.Ack, "GET /next");
        link.Server(9017, 7009, TcpFlags.Ack, "HTTP");
        link.Client(7009, 9021, TcpFlags.Ack, "GET /more");

        Assert.Equal(
            [(Client, "GET /next", -1L), (Server, "HTTP", 9L), (Client, "GET /more", 4L)],
            link.Observer.Single.Acknowledgments);
    }
}
