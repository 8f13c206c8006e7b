using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Tests.TestSupport;
using static SnoopRecorder.Http.Tests.TestSupport.Harness;

namespace SnoopRecorder.Http.Tests;

/// <summary>
/// Contested bytes (<see cref="HttpConversation.OnConflict"/>: the next bytes of a side had another copy) flag the
/// messages that hold them, and only those; the exchanges stay complete.
/// </summary>
public sealed class HttpConversationConflictTests
{
    private const string First = "GET /first HTTP/1.1\r\nHost: h\r\n\r\n";
    private const string Second = "GET /second HTTP/1.1\r\nHost: h\r\n\r\n";
    private const string Third = "GET /third HTTP/1.1\r\nHost: h\r\n\r\n";

    private static string Ok(string body) => $"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n{body}";

    [Fact]
    public void ConflictInsideARequestHead_FlagsOnlyThatExchange_WithRequestConflict()
    {
        var exchanges = Run(
        [
            Step.Data(C, First[..6]),
            Step.Conflict(C, 5),
            Step.Data(C, First[6..]),
            Step.Data(S, Ok("1")),
            Step.Data(C, Second),
            Step.Data(S, Ok("2")),
        ]);

        Assert.Equal([ExchangeIssues.RequestConflict, ExchangeIssues.None], exchanges.Select(e => e.Issues));
        Assert.Equal("/first", exchanges[0].Request!.Target);
        Assert.All(exchanges, e => Assert.True(e.IsComplete));
    }

    [Fact]
    public void ConflictInsideAResponseBody_FlagsOnlyTheResponse()
    {
        var response = Ok("hello world");
        var exchanges = Run(
        [
            Step.Data(C, First),
            Step.Data(S, response[..^8]),
            Step.Conflict(S, 3),
            Step.Data(S, response[^8..]),
            Step.Data(C, Second),
            Step.Data(S, Ok("2")),
        ]);

        Assert.Equal([ExchangeIssues.ResponseConflict, ExchangeIssues.None], exchanges.Select(e => e.Issues));
        Assert.Equal("hello world", Wire.Text(exchanges[0].ResponseBody.Data));
        Assert.All(exchanges, e => Assert.True(e.IsComplete));
    }

    [Fact]
    public void ConflictOnTheLastByteOfABody_FlagsTheResponseBeforeItIsHandedOut()
    {
        var response = Ok("abc");
        var exchanges = Run(
        [
            Step.Data(C, First + Second),
            Step.Data(S, response[..^1]),
            Step.Conflict(S, 1),
            Step.Data(S, response[^1..] + Ok("2")),
        ]);

        Assert.Equal([ExchangeIssues.ResponseConflict, ExchangeIssues.None], exchanges.Select(e => e.Issues));
    }

    [Fact]
    public void RangeSpanningTwoPipelinedRequests_FlagsBoth_NotTheThird_WhereverTheStreamIsCut()
    {
        // The contested bytes are the blank line ending the first request's head and "GET" of the second.
        var rest = First[^4..] + Second + Third;
        for (var cut = 1; cut < rest.Length; cut++)
        {
            var exchanges = Run(
            [
                Step.Data(C, First[..^4]),
                Step.Conflict(C, 7),
                .. Cut(Step.Data(C, rest), cut),
                Step.Data(S, Ok("1") + Ok("2") + Ok("3")),
            ]);

            Assert.Equal(["/first", "/second", "/third"], exchanges.Select(e => e.Request!.Target));
            Assert.Equal([ExchangeIssues.RequestConflict, ExchangeIssues.RequestConflict, ExchangeIssues.None], exchanges.Select(e => e.Issues));
            Assert.All(exchanges, e => Assert.True(e.IsComplete));
        }
    }

    [Fact]
    public void ConflictOnTheFirstBytesOfAStartLine_FlagsTheMessageItBegins_NotTheOneBefore()
    {
        var exchanges = Run(
        [
            Step.Data(C, First),
            Step.Data(S, Ok("1")),
            Step.Conflict(C, 2),
            Step.Data(C, Second[..2]),
            Step.Data(C, Second[2..]),
            Step.Data(S, Ok("2")),
        ]);

        Assert.Equal([ExchangeIssues.None, ExchangeIssues.RequestConflict], exchanges.Select(e => e.Issues));
    }

    [Fact]
    public void ConflictAtTheStartOfTheStream_FlagsTheFirstRequest()
    {
        var exchanges = Run([Step.Conflict(C, 3), Step.Data(C, First), Step.Data(S, Ok("1")), Step.Data(C, Second), Step.Data(S, Ok("2"))]);

        Assert.Equal([ExchangeIssues.RequestConflict, ExchangeIssues.None], exchanges.Select(e => e.Issues));
    }

    [Fact]
    public void ConflictAfterBytesHeldBackByAWaitingResponse_FlagsTheNextResponse_NotTheWaitingOne()
    {
        // The server's bytes reach the parser first (a reordered capture): the first response's body is held back until
        // its request is parsed, and the contested bytes come after it.
        var exchanges = Run(
        [
            Step.Data(S, Ok("abcd")) with { TimestampNs = 2000 },
            Step.Conflict(S, 5),
            Step.Data(S, Ok("two")) with { TimestampNs = 3000 },
            Step.Data(C, First + Second) with { TimestampNs = 1000 },
        ]);

        Assert.Equal(["abcd", "two"], exchanges.Select(e => Wire.Text(e.ResponseBody.Data)));
        Assert.Equal([ExchangeIssues.None, ExchangeIssues.ResponseConflict], exchanges.Select(e => e.Issues));
    }

    [Fact]
    public void ConflictInsideAWaitingResponse_FlagsIt()
    {
        var response = Ok("hello world");
        var exchanges = Run(
        [
            Step.Data(S, response[..^6]) with { TimestampNs = 2000 },
            Step.Conflict(S, 2),
            Step.Data(S, response[^6..]) with { TimestampNs = 3000 },
            Step.Data(C, First) with { TimestampNs = 1000 },
        ]);

        var exchange = Assert.Single(exchanges);
        Assert.Equal(ExchangeIssues.ResponseConflict, exchange.Issues);
        Assert.Equal("hello world", Wire.Text(exchange.ResponseBody.Data));
    }

    [Fact]
    public void ContestedBytesAfterAGapHeldBackByAWaitingResponse_FlagTheNextResponse_GapsHoldNoPosition()
    {
        var first = Ok("0123456789");
        var exchanges = Run(
        [
            Step.Data(S, first[..^7]) with { TimestampNs = 2000 },
            Step.Gap(S, 4) with { TimestampNs = 3000 },
            Step.Data(S, first[^3..]) with { TimestampNs = 4000 },
            Step.Conflict(S, 2),
            Step.Data(S, Ok("2")) with { TimestampNs = 5000 },
            Step.Data(C, First + Second) with { TimestampNs = 1000 },
        ]);

        Assert.Equal([ExchangeIssues.ResponseGap, ExchangeIssues.ResponseConflict], exchanges.Select(e => e.Issues));
    }

    [Fact]
    public void ContestedJunkBetweenMessages_FlagsNothing()
    {
        var exchanges = Run(
        [
            Step.Data(C, First),
            Step.Data(S, Ok("1")),
            Step.Conflict(C, 4),
            Step.Data(C, "\0\0\0\0\r\n"),
            Step.Data(C, Second),
            Step.Data(S, Ok("2")),
        ]);

        Assert.Equal(2, exchanges.Count);
        Assert.DoesNotContain(exchanges, e => (e.Issues & (ExchangeIssues.RequestConflict | ExchangeIssues.ResponseConflict)) != 0);
    }

    [Fact]
    public void ContestedTunnelBytes_FlagNothing()
    {
        var exchanges = Run(
        [
            Step.Data(C, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"),
            Step.Data(S, "HTTP/1.1 200 Connection Established\r\n\r\n"),
            Step.Conflict(C, 3),
            Step.Data(C, [0x16, 0x03, 0x01, 0x02, 0x00]),
            Step.Conflict(S, 3),
            Step.Data(S, [0x16, 0x03, 0x03, 0x00, 0x7a]),
        ]);

        Assert.Equal(ExchangeIssues.Tunnel, Assert.Single(exchanges).Issues);
    }

    [Fact]
    public void ConflictingExchange_IsStillComplete_TheFlagIsNotAnIncompleteIssue()
    {
        Assert.Equal(ExchangeIssues.None, (ExchangeIssues.RequestConflict | ExchangeIssues.ResponseConflict) & ExchangeIssues.IncompleteMask);

        var exchanges = Run(
        [
            Step.Conflict(C, 1),
            Step.Data(C, First),
            Step.Conflict(S, 1),
            Step.Data(S, Ok("1")),
        ]);

        var exchange = Assert.Single(exchanges);
        Assert.Equal(ExchangeIssues.RequestConflict | ExchangeIssues.ResponseConflict, exchange.Issues);
        Assert.True(exchange.IsComplete);
    }
}
