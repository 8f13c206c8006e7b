using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Tests.TestSupport;
using static SnoopRecorder.Http.Tests.TestSupport.Harness;

namespace SnoopRecorder.Http.Tests.MemoryBudget;

/// <summary>
/// Requests waiting for their response hold their heads and bodies until their exchange leaves: a capture that shows
/// only clients (or servers that never answer) on many connections must not add them up without bound.
/// </summary>
public sealed class MemoryBudgetPendingExchangeTests
{
    private const int Conversations = 20;
    private const int RequestsEach = 30;
    private const int BodyBytes = 10_000;

    [Fact]
    public void ManyConversationsHoldingPendingRequestsWithBodies_StayWithinTheBudget_EmittingTheirOldestWithoutResponse()
    {
        // Room for one round of requests on every conversation and a bit: later rounds must make room.
        var budget = new HttpMemoryBudget(250_000);
        var options = new HttpParserOptions { MemoryBudget = budget };
        var sinks = Enumerable.Range(0, Conversations).Select(_ => new RecordingSink()).ToList();
        var conversations = sinks.Select(sink => new HttpConversation(options, sink, C)).ToList();
        var peak = 0L;

        for (var request = 0; request < RequestsEach; request++)
        {
            for (var i = 0; i < Conversations; i++)
            {
                conversations[i].OnData(C, Post(request), (request + 1) * 1000L, request);
                Assert.True(budget.Held <= budget.MaxBytes, $"{budget.Held} bytes held");
                peak = Math.Max(peak, budget.Held);
            }
        }

        var emittedEarly = sinks.Sum(s => s.Exchanges.Count);
        Assert.Equal(budget.PendingExchangesEmitted, emittedEarly);
        Assert.True(emittedEarly > Conversations * (RequestsEach - 2), $"only {emittedEarly} emitted to make room");
        Assert.True(peak > budget.MaxBytes - BodyBytes, $"peak {peak}: the budget was never reached");
        foreach (var sink in sinks)
        {
            // Oldest first, each flagged as the MaxPendingExchanges rule flags it, and none lost its body.
            Assert.Equal(Enumerable.Range(0, sink.Exchanges.Count).Select(n => $"/{n}"), sink.Exchanges.Select(e => e.Request!.Target));
            Assert.All(sink.Exchanges, e => Assert.Equal(FlagsOfTheMaxPendingExchangesRule(), e.Issues));
            Assert.All(sink.Exchanges, e => Assert.Equal(BodyBytes, e.RequestBody.Data.Length));
        }

        conversations.ForEach(c => c.Close(long.MaxValue / 2));
        Assert.All(sinks, sink => Assert.Equal(RequestsEach, sink.Exchanges.Count));
        Assert.Equal(0, budget.BodiesCut);
        Assert.Equal(0, budget.Held);
    }

    [Fact]
    public void EmittingTheOldestPendingExchanges_MakesRoomForTheNewest_WhichStillGetTheirResponses()
    {
        // Room for three requests with their bodies (and their heads), not four.
        var budget = new HttpMemoryBudget(3 * BodyBytes + 1000);
        var options = new HttpParserOptions { MemoryBudget = budget };
        var sink = new RecordingSink();
        var conversation = new HttpConversation(options, sink, C);

        // Five requests cannot all wait: the first two leave unanswered, the last three wait for their responses.
        Feed(conversation, [.. Enumerable.Range(0, 5).Select(n => Step.Data(C, Post(n)))]);
        Assert.Equal(2, sink.Exchanges.Count);
        Assert.True(budget.Held <= budget.MaxBytes);

        Feed(conversation, [.. Enumerable.Range(0, 3).Select(n => Scripts.NoContentResponse with { TimestampNs = 10_000 + n })]);
        Assert.Equal(5, sink.Exchanges.Count);
        Assert.All(sink.Exchanges.Skip(2), e => Assert.Equal((204, ExchangeIssues.None), (e.Response!.StatusCode, e.Issues)));
        Assert.Equal(0, budget.Held);
        conversation.Close(long.MaxValue / 2);
        Assert.Equal(0, budget.Held);
    }

    [Fact]
    public void ExchangesLeavingPastMaxPendingExchanges_WhileAResponseArrives_GiveTheirBytesBackAsEachLeaves()
    {
        var budget = new HttpMemoryBudget(1 << 20);
        var options = new HttpParserOptions { MemoryBudget = budget, MaxPendingExchanges = 2 };
        var sink = new RecordingSink();
        var conversation = new HttpConversation(options, sink, C);

        Feed(conversation, [Step.Data(C, Post(0)), Step.Data(C, Post(1)), Step.Data(S, "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n"), Step.Data(S, new byte[3000])]);
        Feed(conversation, [Step.Data(C, Post(2))]);

        // /0's response is arriving, so /1 leaves to make room for /2, and /0 leaves whole once its response ends.
        Assert.Equal("/1", Assert.Single(sink.Exchanges).Request!.Target);
        Feed(conversation, [Step.Data(S, new byte[2000])]);
        Assert.Equal(["/1", "/0"], sink.Exchanges.Select(e => e.Request!.Target));
        var stillHeld = budget.Held;
        conversation.Close(long.MaxValue / 2);

        Assert.InRange(stillHeld, BodyBytes, BodyBytes + 1000);
        Assert.Equal(0, budget.Held);
    }

    private static byte[] Post(int n)
        => [.. Wire.Bytes($"POST /{n} HTTP/1.1\r\nHost: h\r\nContent-Length: {BodyBytes}\r\n\r\n"), .. new byte[BodyBytes]];

    // What an exchange emitted by the MaxPendingExchanges rule is flagged with, on a conversation without a budget.
    private static ExchangeIssues FlagsOfTheMaxPendingExchangesRule()
    {
        var sink = new RecordingSink();
        var conversation = new HttpConversation(new HttpParserOptions { MaxPendingExchanges = 1 }, sink, C);
        Feed(conversation, [Step.Data(C, Post(0)), Step.Data(C, Post(1))]);
        return Assert.Single(sink.Exchanges).Issues;
    }
}
