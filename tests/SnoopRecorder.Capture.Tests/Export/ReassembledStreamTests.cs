using SnoopRecorder.Packets;
using static SnoopRecorder.Capture.Tests.Export.ReassembledTcp;

namespace SnoopRecorder.Capture.Tests.Export;

/// <summary>
/// <see cref="TcpStreamRebuilder"/>: what a connection becomes when it is written again from its reassembled streams —
/// handshake and close as captured or synthesised, data once and in order, gaps as sequence jumps with a comment,
/// bytes that had a conflicting copy with a comment too.
/// </summary>
public sealed class ReassembledStreamTests
{
    private const TcpFlags Ack = TcpFlags.Ack;
    private const TcpFlags PshAck = TcpFlags.Psh | TcpFlags.Ack;
    private const TcpFlags FinAck = TcpFlags.Fin | TcpFlags.Ack;

    private static readonly byte[] Request = Text("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");
    private static readonly byte[] Response = Text("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

    [Fact]
    public void CapturedHandshakeAndClose_AreWrittenAsCaptured_WithTheOriginalIsnsAndTimes()
    {
        var tcp = new ReassembledTcp().Handshake(1000, 5000);
        var handshakeNs = Enumerable.Range(1, 3).Select(i => StartNs + (i * Millisecond)).ToList();
        tcp.FromClient(1001, 5001, PshAck, Request)
            .FromServer(5001, 1001 + (uint)Request.Length, PshAck, Response)
            .FromClient(1001 + (uint)Request.Length, 5001 + (uint)Response.Length, FinAck)
            .FromServer(5001 + (uint)Response.Length, 1002 + (uint)Request.Length, FinAck)
            .FromClient(1002 + (uint)Request.Length, 5002 + (uint)Response.Length, Ack)
            .Finish();

        var f = tcp.Frames;
        Assert.Equal(
            [
                (tcp.Client, TcpFlags.Syn, 1000u, 0u, 0),
                (tcp.Server, TcpFlags.Syn | Ack, 5000u, 1001u, 0),
                (tcp.Client, Ack, 1001u, 5001u, 0),
                (tcp.Client, PshAck, 1001u, 5001u, Request.Length),
                (tcp.Server, PshAck, 5001u, 1001u + (uint)Request.Length, Response.Length),
                (tcp.Client, FinAck, 1001u + (uint)Request.Length, 5001u + (uint)Response.Length, 0),
                (tcp.Server, FinAck, 5001u + (uint)Response.Length, 1002u + (uint)Request.Length, 0),
                (tcp.Client, Ack, 1002u + (uint)Request.Length, 5002u + (uint)Response.Length, 0),
            ],
            f.Select(x => (x.Source, x.Flags, x.Sequence, x.Acknowledgment, x.Payload.Length)));
        Assert.Equal(handshakeNs, f.Take(3).Select(x => x.TimestampNs));
        Assert.All(f, x => Assert.Null(x.Comment));
        Assert.Equal(Request, tcp.Log.StreamFrom(tcp.Client));
        Assert.Equal(Response, tcp.Log.StreamFrom(tcp.Server));
        Assert.Equal((1, 0, 0, 0), (tcp.Rebuilder.Summary.Connections, tcp.Rebuilder.Summary.SynthesizedHandshakes,
            tcp.Rebuilder.Summary.SynthesizedCloses, tcp.Rebuilder.Summary.Gaps));
        ReassembledTrace.AssertWellFormed(f);
    }

    [Fact]
    public void MissingHandshake_IsSynthesisedAtTheFirstDataTime_FromTheFirstSequenceNumbersSeen()
    {
        var tcp = new ReassembledTcp()
            .FromClient(2000, 7000, PshAck, Request, afterMs: 5)
            .FromServer(7000, 2000 + (uint)Request.Length, PshAck, Response)
            .Finish();

        var f = tcp.Frames;
        var firstDataNs = StartNs + (5 * Millisecond);
        Assert.Equal((tcp.Client, TcpFlags.Syn, 1999u, firstDataNs, "synthesised: SYN not captured"),
            (f[0].Source, f[0].Flags, f[0].Sequence, f[0].TimestampNs, f[0].Comment));
        Assert.Equal((tcp.Server, TcpFlags.Syn | Ack, 6999u, 2000u, firstDataNs, "synthesised: SYN-ACK not captured"),
            (f[1].Source, f[1].Flags, f[1].Sequence, f[1].Acknowledgment, f[1].TimestampNs, f[1].Comment));
        Assert.Equal((tcp.Client, Ack, 2000u, 7000u), (f[2].Source, f[2].Flags, f[2].Sequence, f[2].Acknowledgment));
        Assert.Equal(2000u, f[3].Sequence);
        Assert.Equal(1, tcp.Rebuilder.Summary.SynthesizedHandshakes);
        ReassembledTrace.AssertWellFormed(f);
    }

    [Fact]
    public void MissingSyn_WithCapturedSynAck_KeepsTheSynAckAndItsIsns()
    {
        var tcp = new ReassembledTcp()
            .FromServer(5000, 1001, TcpFlags.Syn | Ack)
            .FromClient(1001, 5001, Ack)
            .FromClient(1001, 5001, PshAck, Request)
            .Finish();

        var f = tcp.Frames;
        Assert.Equal((TcpFlags.Syn, 1000u, "synthesised: SYN not captured"), (f[0].Flags, f[0].Sequence, f[0].Comment));
        Assert.Equal((TcpFlags.Syn | Ack, 5000u, 1001u, (string?)null), (f[1].Flags, f[1].Sequence, f[1].Acknowledgment, f[1].Comment));
        Assert.True(f[0].TimestampNs <= f[1].TimestampNs);
        Assert.Equal(StartNs + Millisecond, f[1].TimestampNs);
        ReassembledTrace.AssertWellFormed(f);
    }

    [Fact]
    public void CaptureStartingWithTheServersPacket_StillHasTheClientOpenTheConnection()
    {
        var tcp = new ReassembledTcp()
            .FromServer(7000, 2000, PshAck, Response)
            .FromClient(2000, 7000 + (uint)Response.Length, PshAck, Request)
            .Finish();

        var f = tcp.Frames;
        Assert.Equal((tcp.Client, TcpFlags.Syn), (f[0].Source, f[0].Flags));
        Assert.Equal((tcp.Server, TcpFlags.Syn | Ack), (f[1].Source, f[1].Flags));
        ReassembledTrace.AssertWellFormed(f);
    }

    [Fact]
    public void ReorderedDuplicatedAndOverlappingSegments_AreWrittenOnceInOrder()
    {
        var body = Bytes(3000);
        var tcp = new ReassembledTcp().Handshake(1000, 5000);
        tcp.FromClient(2001, 5001, Ack, body[1000..2000])       // second third first
            .FromClient(3001, 5001, PshAck, body[2000..])        // then the last
            .FromClient(3001, 5001, PshAck, body[2000..])        // duplicated
            .FromClient(1501, 5001, Ack, body[500..2500])         // overlapping retransmission
            .FromClient(1001, 5001, Ack, body[..1000])           // the first third fills the hole
            .FromClient(1001, 5001, Ack, body[..1500])           // retransmitted again
            .FromServer(5001, 4001, PshAck, Response)
            .Finish();

        var fromClient = tcp.Frames.Where(f => f.Source == tcp.Client && f.Payload.Length > 0).ToList();
        Assert.Equal(body, tcp.Log.StreamFrom(tcp.Client));
        Assert.Equal(fromClient.Select(f => f.Sequence).Order(), fromClient.Select(f => f.Sequence));
        Assert.Equal(0, tcp.Rebuilder.Summary.Gaps);
        ReassembledTrace.AssertWellFormed(tcp.Frames);
    }

    [Theory]
    [InlineData(false, EthernetTcpFrame.MaxIpv4Payload)]
    [InlineData(true, EthernetTcpFrame.MaxIpv6Payload)]
    public void LargeDelivery_IsSplitIntoSegmentsOfAtMostTheMss(bool ipv6, int mss)
    {
        var body = Bytes(5000);
        var tcp = new ReassembledTcp(ipv6).Handshake(1000, 5000);
        tcp.FromServer(5001, 1001, PshAck, body).Finish();

        var segments = tcp.Frames.Where(f => f.Payload.Length > 0).ToList();
        Assert.Equal([mss, mss, mss, 5000 - (3 * mss)], segments.Select(s => s.Payload.Length));
        Assert.Equal([Ack, Ack, Ack, PshAck], segments.Select(s => s.Flags));
        Assert.All(segments, s => Assert.Equal(tcp.NowNs, s.TimestampNs));
        Assert.Equal(body, tcp.Log.StreamFrom(tcp.Server));
        ReassembledTrace.AssertWellFormed(tcp.Frames);
    }

    [Fact]
    public void Gap_IsASequenceJumpWithACommentOnTheNextPacket_AndNoBytesAreInvented()
    {
        var tcp = new ReassembledTcp().Handshake(1000, 5000);
        tcp.FromClient(1001, 5001, Ack, Bytes(100))
            .FromClient(1201, 5001, PshAck, Bytes(100, 200))   // 100 bytes in between never captured
            .FromServer(5001, 1301, PshAck, Response)          // the server got them all
            .Wait(1500)                                        // past the acknowledged-hole timeout
            .FromClient(1301, 5001 + (uint)Response.Length, FinAck)
            .FromServer(5001 + (uint)Response.Length, 1302, FinAck)
            .Finish();

        var afterGap = Assert.Single(tcp.Frames, f => f.Comment is not null);
        Assert.Equal((tcp.Client, 1201u, 100), (afterGap.Source, afterGap.Sequence, afterGap.Payload.Length));
        Assert.Equal("gap: 100 bytes from 10.0.0.1:40000 to 10.0.0.2:80 not captured before this segment (stream bytes 100-199)", afterGap.Comment);
        Assert.Equal(200, tcp.Log.StreamFrom(tcp.Client).Length);
        Assert.Equal((1, 100), (tcp.Rebuilder.Summary.Gaps, tcp.Rebuilder.Summary.GapBytes));
        ReassembledTrace.AssertWellFormed(tcp.Frames);
    }

    [Fact]
    public void ConflictingOverlap_IsWrittenAsFirstSeen_WithACommentOnThePacketThatCarriesTheContestedBytes()
    {
        var tcp = new ReassembledTcp().Handshake(1000, 5000);
        tcp.FromClient(1006, 5001, PshAck, Text("abc"))          // buffered ahead of a hole
            .FromClient(1001, 5001, PshAck, Text("01234XYZ9"))    // fills it and disagrees about "abc"
            .FromServer(5001, 1010, PshAck, Response)
            .Finish();

        var contested = Assert.Single(tcp.Frames, f => f.Comment is not null && f.Comment.StartsWith("conflict:", StringComparison.Ordinal));
        Assert.Equal((tcp.Client, 1006u, 3), (contested.Source, contested.Sequence, contested.Payload.Length));
        Assert.Equal(
            "conflict: 3 bytes from 10.0.0.1:40000 to 10.0.0.2:80 had a different copy in another captured segment; the first copy seen is written (stream bytes 5-7)",
            contested.Comment);
        Assert.Equal(Text("01234abc9"), tcp.Log.StreamFrom(tcp.Client));
        Assert.Equal((1, 3), (tcp.Rebuilder.Summary.Conflicts, tcp.Rebuilder.Summary.ConflictBytes));
        ReassembledTrace.AssertWellFormed(tcp.Frames);
    }

    [Fact]
    public void GapAtTheEndOfADirection_IsAnnouncedOnItsFin()
    {
        var tcp = new ReassembledTcp().Handshake(1000, 5000);
        tcp.FromClient(1001, 5001, Ack, Bytes(100))
            .FromClient(1201, 5001, FinAck)                    // FIN after 100 bytes that were not captured
            .FromServer(5001, 1202, FinAck)
            .Wait(1500)
            .Finish();

        var fin = Assert.Single(tcp.Frames, f => f.Source == tcp.Client && f.Has(TcpFlags.Fin));
        Assert.Equal(1201u, fin.Sequence);
        Assert.StartsWith("gap: 100 bytes from 10.0.0.1:40000", fin.Comment);
        ReassembledTrace.AssertWellFormed(tcp.Frames);
    }

    [Fact]
    public void GapAtTheEndOfADirection_ClosedByTheOtherSidesRst_IsAnnouncedOnABareAck()
    {
        var tcp = new ReassembledTcp().Handshake(1000, 5000);
        tcp.Feed(tcp.Client, tcp.Server, 1001, 5001, PshAck, Bytes(100), declaredLength: 300)   // the snapshot length cut 200 bytes
            .FromServer(5001, 1301, TcpFlags.Rst | Ack)
            .Finish();

        var (ack, rst) = (tcp.Frames[^2], tcp.Frames[^1]);
        Assert.Equal((tcp.Client, Ack, 1301u, 0), (ack.Source, ack.Flags, ack.Sequence, ack.Payload.Length));
        Assert.Equal("gap: 200 bytes from 10.0.0.1:40000 to 10.0.0.2:80 not captured before this segment (stream bytes 100-299)", ack.Comment);
        Assert.Equal((tcp.Server, TcpFlags.Rst | Ack, 5001u, 1301u), (rst.Source, rst.Flags, rst.Sequence, rst.Acknowledgment));
        ReassembledTrace.AssertWellFormed(tcp.Frames);
    }

    [Fact]
    public void AcknowledgmentNumbers_AcknowledgeWhatTheOtherSideHasWrittenSoFar()
    {
        var tcp = new ReassembledTcp().Handshake(1000, 5000);
        tcp.FromClient(1001, 5001, PshAck, Request)
            .FromServer(5001, 900, Ack, Bytes(10))            // a captured ACK number that makes no sense
            .FromServer(5011, 1001 + (uint)Request.Length, PshAck, Response)
            .FromClient(1001 + (uint)Request.Length, 4, PshAck, Request)
            .Finish();

        ReassembledTrace.AssertWellFormed(tcp.Frames);
    }

    [Fact]
    public void HalfClose_WritesTheFinWhenItsDirectionEnds_BeforeTheOtherSidesLaterData()
    {
        var tcp = new ReassembledTcp().Handshake(1000, 5000);
        var afterRequest = 1001 + (uint)Request.Length;
        tcp.FromClient(1001, 5001, PshAck, Request)
            .FromClient(afterRequest, 5001, FinAck)
            .FromServer(5001, afterRequest + 1, PshAck, Response)
            .FromServer(5001 + (uint)Response.Length, afterRequest + 1, FinAck)
            .FromClient(afterRequest + 1, 5002 + (uint)Response.Length, Ack)
            .Finish();

        var order = tcp.Frames.Skip(3).Select(f => (f.Source == tcp.Client ? "client" : "server") + ":" + f.Flags).ToList();
        Assert.Equal(["client:Psh, Ack", "client:Fin, Ack", "server:Psh, Ack", "server:Fin, Ack", "client:Ack"], order);
        Assert.All(tcp.Frames, f => Assert.Null(f.Comment));
        ReassembledTrace.AssertWellFormed(tcp.Frames);
    }

    [Fact]
    public void CloseNotCaptured_IsSynthesisedAsFinsAndAFinalAck_AtTheLastPacketTime()
    {
        var tcp = new ReassembledTcp().Handshake(1000, 5000);
        tcp.FromClient(1001, 5001, PshAck, Request)
            .FromServer(5001, 1001 + (uint)Request.Length, PshAck, Response);
        var lastNs = tcp.NowNs;
        tcp.Wait(10_000).Finish();

        var close = tcp.Frames.TakeLast(3).ToList();
        Assert.Equal([(tcp.Client, FinAck), (tcp.Server, FinAck), (tcp.Client, Ack)], close.Select(f => (f.Source, f.Flags)));
        Assert.All(close, f => Assert.Equal(lastNs, f.TimestampNs));
        Assert.All(close.Take(2), f => Assert.Equal("synthesised: FIN not captured (the capture ended while the connection was open)", f.Comment));
        Assert.Equal(1, tcp.Rebuilder.Summary.SynthesizedCloses);
        ReassembledTrace.AssertWellFormed(tcp.Frames);
    }

    [Fact]
    public void ClosedByReset_EndsWithTheCapturedRstFromItsSender_AndNoSynthesisedFin()
    {
        var tcp = new ReassembledTcp().Handshake(1000, 5000);
        tcp.FromClient(1001, 5001, PshAck, Request)
            .FromServer(5001, 1001 + (uint)Request.Length, PshAck, Response)
            .FromServer(5001 + (uint)Response.Length, 0, TcpFlags.Rst)
            .FromClient(1001 + (uint)Request.Length, 5001, Ack)   // after the close: absorbed
            .Finish();

        var last = tcp.Frames[^1];
        Assert.Equal((tcp.Server, TcpFlags.Rst | Ack, 5001u + (uint)Response.Length, 1001u + (uint)Request.Length, tcp.NowNs - Millisecond),
            (last.Source, last.Flags, last.Sequence, last.Acknowledgment, last.TimestampNs));
        Assert.DoesNotContain(tcp.Frames, f => f.Has(TcpFlags.Fin));
        ReassembledTrace.AssertWellFormed(tcp.Frames);
    }

    [Fact]
    public void RefusedConnection_KeepsOnlyItsCapturedSynAndRst()
    {
        var tcp = new ReassembledTcp()
            .FromClient(1000, 0, TcpFlags.Syn)
            .FromServer(0, 1001, TcpFlags.Rst | Ack)
            .Finish();

        Assert.Equal(
            [(tcp.Client, TcpFlags.Syn, 1000u, 0u), (tcp.Server, TcpFlags.Rst | Ack, 0u, 1001u)],
            tcp.Frames.Select(f => (f.Source, f.Flags, f.Sequence, f.Acknowledgment)));
        Assert.Equal(0, tcp.Rebuilder.Summary.Connections);
    }

    [Fact]
    public void UnansweredSyn_IsWrittenAlone_WithoutASynthesisedAnswer()
    {
        var tcp = new ReassembledTcp().FromClient(1000, 0, TcpFlags.Syn).FromClient(1000, 0, TcpFlags.Syn, afterMs: 1000).Finish();

        var syn = Assert.Single(tcp.Frames);
        Assert.Equal((TcpFlags.Syn, 1000u, StartNs + Millisecond), (syn.Flags, syn.Sequence, syn.TimestampNs));
    }

    [Fact]
    public void DataDeliveredLate_IsWrittenAtTheLatestTimeOfItsConnection_SoTimesNeverGoBack()
    {
        var tcp = new ReassembledTcp().Handshake(1000, 5000);
        tcp.FromClient(1101, 5001, PshAck, Bytes(100, 100))     // early, waits for the hole
            .FromClient(1001, 5001, Ack, Bytes(100), afterMs: 50)
            .Finish();

        var data = tcp.Frames.Where(f => f.Payload.Length > 0).ToList();
        Assert.Equal([1001u, 1101u], data.Select(f => f.Sequence));
        Assert.Equal(data[0].TimestampNs, data[1].TimestampNs);
        ReassembledTrace.AssertWellFormed(tcp.Frames);
    }

    [Fact]
    public void ReusedPorts_AreTwoConnections_EachWithItsOwnHandshakeAndClose()
    {
        var tcp = new ReassembledTcp().Handshake(1000, 5000);
        tcp.FromClient(1001, 5001, PshAck, Request)
            .Handshake(90_000, 70_000)
            .FromClient(90_001, 70_001, PshAck, Request)
            .Finish();

        var connections = ReassembledTrace.Connections(tcp.Frames);
        Assert.Equal(2, connections.Count);
        Assert.Equal([1000u, 90_000u], connections.Select(c => c[0].Sequence));
        Assert.All(connections, c => Assert.True(c[^1].Has(Ack) && c[^2].Has(TcpFlags.Fin)));
        ReassembledTrace.AssertWellFormed(tcp.Frames);
    }
}
