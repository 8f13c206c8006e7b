using SnoopRecorder.Packets;
using static SnoopRecorder.Capture.Tests.Export.ReassembledTcp;

namespace SnoopRecorder.Capture.Tests.Export;

/// <summary>
/// <see cref="TcpStreamRebuilder"/> and the tracker's RST policy: a RST the tracker ignores (implausible for its
/// sender) leaves no trace in the rebuilt connection, which closes with the RST that did end it.
/// </summary>
public sealed class ReassembledResetTests
{
    private const TcpFlags Ack = TcpFlags.Ack;
    private const TcpFlags PshAck = TcpFlags.Psh | TcpFlags.Ack;

    private static readonly byte[] Request = Text("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");
    private static readonly byte[] Response = Text("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

    [Fact]
    public void OutOfWindowReset_IsNotWritten_AndTheConnectionClosesWithTheResetThatEndedIt()
    {
        var afterRequest = 1001 + (uint)Request.Length;
        var tcp = new ReassembledTcp().Handshake(1000, 5000);
        tcp.FromClient(1001, 5001, PshAck, Request)
            .FromServer(4000, afterRequest, TcpFlags.Rst | Ack)                    // below the client's window: ignored
            .FromServer(5001, afterRequest, PshAck, Response)
            .FromClient(afterRequest, 5001 + (uint)Response.Length, TcpFlags.Rst | Ack)
            .Finish();

        Assert.Equal(Request, tcp.Log.StreamFrom(tcp.Client));
        Assert.Equal(Response, tcp.Log.StreamFrom(tcp.Server));
        var reset = Assert.Single(tcp.Frames, f => f.Has(TcpFlags.Rst));
        Assert.Equal((tcp.Client, afterRequest, tcp.NowNs), (reset.Source, reset.Sequence, reset.TimestampNs));
        Assert.Same(reset, tcp.Frames[^1]);
        ReassembledTrace.AssertWellFormed(tcp.Frames);
    }
}
