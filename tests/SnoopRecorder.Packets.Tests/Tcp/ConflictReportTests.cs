using SnoopRecorder.Packets.Tests.TestSupport;

namespace SnoopRecorder.Packets.Tests.Tcp;

/// <summary>
/// Overlapping segments that disagree: the first copy is delivered, and the bytes that had another copy are announced
/// (OnConflict) once, right before the OnData that carries exactly them. The recording handler checks that contract on
/// every call.
/// </summary>
public sealed class ConflictReportTests
{
    [Fact]
    public void InOrderCopyDifferingFromBufferedBytes_ReportsTheConflictOnceJustBeforeThemWithTheirLength()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(106, 501, TcpFlags.Ack, "abc");          // buffered ahead of a hole
        var conflictingPacket = link.NextPacketIndex;
        var conflictingTime = link.Now;
        link.Client(101, 501, TcpFlags.Ack, "01234XYZ9");    // fills the hole, disagrees about "abc"

        var handler = link.Observer.Single;
        Assert.Equal("I:data(01234) I:conflict(3) I:data(abc) I:data(9)", handler.Transcript);
        var conflict = Assert.Single(handler.Events, e => e.Kind == StreamEventKind.Conflict);
        Assert.Equal((conflictingTime, conflictingPacket), (conflict.TimestampNs, conflict.PacketIndex));
        Assert.Equal(1, link.Tracker.Stats.Conflicts);
        Assert.Equal(3, link.Tracker.Stats.ConflictingBytes);
    }

    [Fact]
    public void DifferingByteInsideABufferedSegment_OnlyThatByteIsAnnounced_AndTheStreamIsDeliveredInOrder()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(106, 501, TcpFlags.Ack, "abcdef");       // offsets 5-10
        link.Client(108, 501, TcpFlags.Ack, "cXe");          // offsets 7-9: only offset 8 ("d") differs
        link.Client(101, 501, TcpFlags.Ack, "01234");

        var handler = link.Observer.Single;
        Assert.Equal("I:data(01234) I:data(abc) I:conflict(1) I:data(d) I:data(ef)", handler.Transcript);
        Assert.Equal("01234abcdef", handler.Text(TcpDirection.FromInitiator));
    }

    [Fact]
    public void SeveralDifferingCopiesOfOneBufferedSegment_AreAnnouncedOnceAsTheRangeTheySpan()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(106, 501, TcpFlags.Ack, "abcdefgh");     // offsets 5-12
        link.Client(107, 501, TcpFlags.Ack, "B");            // offset 6
        link.Client(110, 501, TcpFlags.Ack, "eFg");          // offset 10 ("f") differs
        link.Client(107, 501, TcpFlags.Ack, "b");            // the same again: no conflict
        link.Client(101, 501, TcpFlags.Ack, "01234");

        Assert.Equal("I:data(01234) I:data(a) I:conflict(5) I:data(bcdef) I:data(gh)", link.Observer.Single.Transcript);
        Assert.Equal(2, link.Tracker.Stats.ConflictingBytes);
    }

    [Fact]
    public void OverlapSpanningTwoBufferedSegments_EachIsAnnouncedBeforeItsOwnBytes_InStreamOrder()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(106, 501, TcpFlags.Ack, "abc");          // offsets 5-7
        link.Client(110, 501, TcpFlags.Ack, "xyz");          // offsets 9-11
        link.Client(101, 501, TcpFlags.Ack, "01234ABC-XYZ!"); // offsets 0-12, disagreeing about both

        var handler = link.Observer.Single;
        Assert.Equal("I:data(01234) I:conflict(3) I:data(abc) I:data(-) I:conflict(3) I:data(xyz) I:data(!)", handler.Transcript);
        Assert.Equal("01234abc-xyz!", handler.Text(TcpDirection.FromInitiator));
        Assert.Equal(2, link.Tracker.Stats.Conflicts);
        Assert.Equal(6, link.Tracker.Stats.ConflictingBytes);
    }

    [Fact]
    public void OutOfOrderCopyDifferingFromBufferedBytes_IsAnnouncedWhenTheHoleFills()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(107, 501, TcpFlags.Ack, "world");        // buffered first
        link.Client(106, 501, TcpFlags.Ack, " WORLD!!");     // also ahead of the hole; overlaps with other bytes
        Assert.Empty(link.Observer.Single.Events);
        link.Client(101, 501, TcpFlags.Ack, "hello");

        Assert.Equal("I:data(hello) I:data( ) I:conflict(5) I:data(world) I:data(!!)", link.Observer.Single.Transcript);
    }

    [Fact]
    public void ContestedBytesGivenUpBehindAGap_AreStillAnnouncedBeforeThem_AfterTheGap()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(106, 501, TcpFlags.Ack, "abc");
        link.Client(106, 501, TcpFlags.Ack, "aXc");
        link.Tracker.CloseAll(link.Now);

        Assert.Equal("I:gap(5) I:data(a) I:conflict(1) I:data(b) I:data(c) I:end R:end closed(EndOfCapture)", link.Observer.Single.Transcript);
    }

    [Fact]
    public void IdenticalRetransmissionsOfBufferedBytes_AreNotReported()
    {
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(106, 501, TcpFlags.Ack, "abc");
        link.Client(106, 501, TcpFlags.Ack, "abc");
        link.Client(105, 501, TcpFlags.Ack, "4abc5");
        link.Client(101, 501, TcpFlags.Ack, "01234abc");

        var handler = link.Observer.Single;
        Assert.DoesNotContain(handler.Events, e => e.Kind == StreamEventKind.Conflict);
        Assert.Equal("01234abc5", handler.Text(TcpDirection.FromInitiator));
        Assert.Equal(0, link.Tracker.Stats.ConflictingBytes);
    }

    [Fact]
    public void DifferingRetransmissionOfDeliveredBytes_IsNotDetected_TheFirstCopyStands()
    {
        // Delivered bytes are not kept, so a later copy of them cannot be compared: documented as not detected.
        var link = new TcpTestLink();
        link.Handshake(100, 500);
        link.Client(101, 501, TcpFlags.Ack, "hello");
        link.Client(101, 501, TcpFlags.Ack, "HELLO world");

        var handler = link.Observer.Single;
        Assert.Equal("I:data(hello) I:data( world)", handler.Transcript);
        Assert.Equal(0, link.Tracker.Stats.Conflicts);
    }
}
