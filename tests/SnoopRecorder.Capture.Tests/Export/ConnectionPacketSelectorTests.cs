using SnoopRecorder.Capture.Export;
using SnoopRecorder.Packets;
using static SnoopRecorder.Capture.Tests.Export.RawTcpFrames;

namespace SnoopRecorder.Capture.Tests.Export;

public sealed class ConnectionPacketSelectorTests
{
    private const TcpFlags SynAck = TcpFlags.Syn | TcpFlags.Ack;
    private const TcpFlags FinAck = TcpFlags.Fin | TcpFlags.Ack;

    [Fact]
    public void Selects_BothDirectionsOfTheConnection_AndNoOtherConnection()
    {
        var selector = new ConnectionPacketSelector([new ConnectionWindow(Client, Server, 0, 0, 4, 4)]);
        var records = new[]
        {
            Segment(Client, Server, TcpFlags.Syn),
            Segment(Server, Client, SynAck),
            Segment(OtherClient, Server, TcpFlags.Syn),
            Segment(Client, Server, TcpFlags.Ack | TcpFlags.Psh, 10),
            Segment(Server, Client, TcpFlags.Ack, 20),
        };

        Assert.Equal([true, true, false, true, true], Select(selector, records));
    }

    [Fact]
    public void Takes_TrailingPacketsAfterTheLastCounted_UntilANewSynReusesTheEndpoints()
    {
        // The analysis counted up to the second FIN (record 1); the final ACK and a retransmitted FIN follow.
        var selector = new ConnectionPacketSelector([new ConnectionWindow(Client, Server, 0, 0, 1, 1)]);
        var records = new[]
        {
            Segment(Client, Server, FinAck),
            Segment(Server, Client, FinAck),
            Segment(Client, Server, TcpFlags.Ack),
            Segment(Server, Client, FinAck),
            Segment(Client, Server, TcpFlags.Syn),
            Segment(Server, Client, SynAck),
        };

        Assert.Equal([true, true, true, true, false, false], Select(selector, records));
    }

    [Fact]
    public void Skips_AnEarlierConnectionOnTheSameEndpoints()
    {
        var selector = new ConnectionPacketSelector([new ConnectionWindow(Client, Server, 2, 2, 3, 3)]);
        var records = new[]
        {
            Segment(Client, Server, TcpFlags.Syn),
            Segment(Client, Server, TcpFlags.Rst),
            Segment(Client, Server, TcpFlags.Syn),
            Segment(Server, Client, SynAck),
        };

        Assert.Equal([false, false, true, true], Select(selector, records));
    }

    [Fact]
    public void EndIndex_IsTheLastPacketPlusTheTrailingSearch_OrUnboundedForAnOpenConnection()
    {
        Assert.Equal(7 + ConnectionPacketSelector.TrailingPackets, new ConnectionPacketSelector([new ConnectionWindow(Client, Server, 0, 0, 7, 7)]).EndIndex);
        Assert.Equal(long.MaxValue, new ConnectionPacketSelector([ConnectionWindow.OpenFrom(Client, Server, 3, 3)]).EndIndex);
        Assert.Equal(-1, new ConnectionPacketSelector([]).EndIndex);
    }

    [Fact]
    public void Selects_ARecordOnce_WhenTwoWindowsOfTheSameEndpointsCoverIt()
    {
        var selector = new ConnectionPacketSelector([new ConnectionWindow(Client, Server, 0, 0, 1, 1), new ConnectionWindow(Server, Client, 2, 2, 3, 3)]);
        var records = new[]
        {
            Segment(Client, Server, TcpFlags.Syn),
            Segment(Client, Server, TcpFlags.Rst),
            Segment(Client, Server, TcpFlags.Syn),
            Segment(Server, Client, SynAck),
        };

        Assert.Equal([true, true, true, true], Select(selector, records));
    }

    private static bool[] Select(ConnectionPacketSelector selector, byte[][] records) =>
        [.. records.Select((frame, index) => selector.Selects(LinkTypes.Raw, frame, index, index))];
}
