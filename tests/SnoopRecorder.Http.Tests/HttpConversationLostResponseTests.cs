using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Tests.TestSupport;
using static SnoopRecorder.Http.Tests.TestSupport.Harness;

namespace SnoopRecorder.Http.Tests;

/// <summary>Whole responses lost in a capture gap: the client's TCP acknowledgments say which requests they answered.</summary>
public sealed class HttpConversationLostResponseTests
{
    private const ExchangeIssues Lost = ExchangeIssues.ResponseGap | ExchangeIssues.NoResponse;

    [Fact]
    public void KeepAlive_SecondResponseLostInGap_OthersPairWithTheirOwnResponses_AndTheSecondIsFlaggedLost()
    {
        var exchanges = Run(KeepAlive(5, lost: [2]));

        AssertPairedByNumber(exchanges, 5, lost: [2]);
    }

    [Fact]
    public void KeepAlive_SecondAndThirdResponsesLostInOneGap_OthersPairWithTheirOwnResponses_AndBothAreFlaggedLost()
    {
        var exchanges = Run(KeepAlive(5, lost: [2, 3], oneGap: true));

        AssertPairedByNumber(exchanges, 5, lost: [2, 3]);
    }

    [Fact]
    public void KeepAlive_SecondAndThirdResponsesLostInGapsOfTheirOwn_OthersPairWithTheirOwnResponses()
    {
        var exchanges = Run(KeepAlive(5, lost: [2, 3]));

        AssertPairedByNumber(exchanges, 5, lost: [2, 3]);
    }

    [Fact]
    public void KeepAlive_GapFromInsideFirstBodyThroughSecondResponse_FirstKeepsItsGap_SecondIsLost_RestPairRight()
    {
        // The capture lost the last 14 bytes of response 1 and all of response 2; the client received them.
        var firstCaptured = Step.Data(S, "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\nfirst-");
        var firstLength = firstCaptured.Bytes.Length + 14;
        var secondLength = Response(2).Bytes.Length;
        var exchanges = Run(
        [
            Request(1) with { Acknowledged = 0 },
            firstCaptured,
            Request(2) with { Acknowledged = firstLength },
            Request(3) with { Acknowledged = firstLength + secondLength },
            Step.Gap(S, 14 + secondLength),
            Response(3),
        ]);

        Assert.Equal(3, exchanges.Count);
        Assert.Equal(ExchangeIssues.ResponseGap, exchanges[0].Issues);
        Assert.Equal(20, exchanges[0].ResponseBody.Size);
        Assert.Equal("/2", exchanges[1].Request!.Target);
        Assert.Equal(Lost, exchanges[1].Issues);
        Assert.Equal("/3", exchanges[2].Request!.Target);
        Assert.Equal(ExchangeIssues.None, exchanges[2].Issues);
        Assert.Equal("response-3", Wire.Text(exchanges[2].ResponseBody.Data));
    }

    [Fact]
    public void PipelinedRequests_ResponseLostInGap_PairFirstInFirstOutAsBefore()
    {
        // Every request is sent before any response: each acknowledges nothing of the server's stream.
        var requests = Enumerable.Range(1, 5).Select(n => Request(n) with { Acknowledged = 0 });
        var responses = new List<Step> { Response(1), Step.Gap(S, Response(2).Bytes.Length), Response(3), Response(4), Response(5) };
        var withAcknowledgments = Run([.. requests, .. responses]);
        var withoutAcknowledgments = Run([.. Enumerable.Range(1, 5).Select(Request), .. responses]);

        Assert.Equal(withoutAcknowledgments.Select(Describe), withAcknowledgments.Select(Describe));
        AssertFirstInFirstOut(withAcknowledgments);
    }

    [Fact]
    public void NoAcknowledgments_ResponseLostInGap_PairFirstInFirstOutAsBefore()
    {
        var exchanges = Run(KeepAlive(5, lost: [2]).Select(step => step with { Acknowledged = -1 }));

        AssertFirstInFirstOut(exchanges);
    }

    [Fact]
    public void RequestsPipelinedAfterTheGap_ResponseStaysFlaggedAsInDoubt()
    {
        // Requests 3 and 4 leave together after the client received response 2 (lost in the capture): the response
        // found next answers request 3 (proved lost: request 2's), or 4 if 3's was lost too; it keeps the gap flag.
        var steps = Acknowledging(
        [
            Request(1), Response(1), Request(2), Step.Gap(S, Response(2).Bytes.Length), Request(3), Request(4),
        ]).ToList();
        steps[^1] = steps[^1] with { Acknowledged = steps[^2].Acknowledged };
        steps.Add(Response(3));
        steps.Add(Response(4));

        var exchanges = Run(steps);

        Assert.Equal(["/1", "/2", "/3", "/4"], exchanges.Select(e => e.Request!.Target));
        Assert.Equal(Lost, exchanges[1].Issues);
        Assert.Equal(ExchangeIssues.ResponseGap, exchanges[2].Issues);
        Assert.Equal("response-3", Wire.Text(exchanges[2].ResponseBody.Data));
        Assert.Equal("response-4", Wire.Text(exchanges[3].ResponseBody.Data));
    }

    private static Step Request(int number) => Step.Data(C, $"GET /{number} HTTP/1.1\r\nHost: h\r\n\r\n");

    private static Step Response(int number)
        => Step.Data(S, $"HTTP/1.1 200 OK\r\nContent-Length: 10\r\nX-Number: {number}\r\n\r\nresponse-{number}");

    // One request, then its response, over and over, each request acknowledging every response before it (the client
    // received them all). A lost response is a gap of its length where it would be, or with oneGap one gap for all the
    // lost ones before the next response captured (as the tracker reports a hole it gave up late).
    private static IEnumerable<Step> KeepAlive(int count, int[] lost, bool oneGap = false)
    {
        long pending = 0;
        long serverSent = 0;
        for (var n = 1; n <= count; n++)
        {
            yield return Request(n) with { Acknowledged = serverSent };
            serverSent += Response(n).Bytes.Length;
            if (lost.Contains(n))
            {
                if (oneGap)
                {
                    pending += Response(n).Bytes.Length;
                    continue;
                }

                yield return Step.Gap(S, Response(n).Bytes.Length);
                continue;
            }

            if (pending > 0)
            {
                yield return Step.Gap(S, pending);
                pending = 0;
            }

            yield return Response(n);
        }
    }

    private static void AssertPairedByNumber(List<HttpExchange> exchanges, int count, int[] lost)
    {
        Assert.Equal(count, exchanges.Count);
        for (var n = 1; n <= count; n++)
        {
            var exchange = exchanges[n - 1];
            Assert.Equal($"/{n}", exchange.Request!.Target);
            if (lost.Contains(n))
            {
                Assert.Equal(Lost, exchange.Issues);
                Assert.Null(exchange.Response);
            }
            else
            {
                Assert.Equal(ExchangeIssues.None, exchange.Issues);
                Assert.True(exchange.IsComplete);
                Assert.Equal($"response-{n}", Wire.Text(exchange.ResponseBody.Data));
            }
        }
    }

    // Today's first-in, first-out pairing: response 3 answers request 2 (flagged, its pairing in doubt), and so on.
    private static void AssertFirstInFirstOut(List<HttpExchange> exchanges)
    {
        Assert.Equal(5, exchanges.Count);
        Assert.Equal("response-1", Wire.Text(exchanges[0].ResponseBody.Data));
        Assert.Equal(ExchangeIssues.ResponseGap, exchanges[1].Issues);
        Assert.Equal("response-3", Wire.Text(exchanges[1].ResponseBody.Data));
        Assert.Equal("response-4", Wire.Text(exchanges[2].ResponseBody.Data));
        Assert.Equal("response-5", Wire.Text(exchanges[3].ResponseBody.Data));
        Assert.Equal(ExchangeIssues.NoResponse, exchanges[4].Issues);
    }
}
