using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Tests.TestSupport;
using static SnoopRecorder.Http.Tests.TestSupport.Harness;

namespace SnoopRecorder.Http.Tests.MemoryBudget;

/// <summary>Server bytes held back while their response waits for its request share the budget too.</summary>
public sealed class MemoryBudgetDeferredInputTests
{
    private const string NoContent = "HTTP/1.1 204 No Content\r\n\r\n";

    // A reordered capture: ten responses come before the request the first one answers, sent before them.
    private static readonly Step[] ResponsesBeforeTheirRequest =
    [
        .. Enumerable.Range(0, 10).Select(_ => Step.Data(S, NoContent)),
        Step.Data(C, "GET /late HTTP/1.1\r\nHost: h\r\n\r\n") with { TimestampNs = 500 },
    ];

    [Fact]
    public void DeferredInputPastTheBudget_StopsWaiting_AsPastMaxBufferedBytesPerSide()
    {
        // Room for the first response's head and a few held back after it, not ten.
        var budget = new HttpMemoryBudget(300);
        var sink = new RecordingSink();
        var conversation = new HttpConversation(new HttpParserOptions { MemoryBudget = budget }, sink, C);
        foreach (var step in ResponsesBeforeTheirRequest)
        {
            Feed(conversation, [step]);
            Assert.True(budget.Held <= budget.MaxBytes, $"{budget.Held} bytes held");
        }

        conversation.Close(long.MaxValue / 2);

        var pastSideLimit = Run(ResponsesBeforeTheirRequest, new HttpParserOptions { MaxBufferedBytesPerSide = 4 * NoContent.Length });
        var waitingToTheEnd = Run(ResponsesBeforeTheirRequest);
        Assert.Equal(pastSideLimit.Select(Describe), sink.Exchanges.Select(Describe));
        Assert.NotEqual(waitingToTheEnd.Select(Describe), sink.Exchanges.Select(Describe));
        Assert.Equal(10, sink.Exchanges.Count(e => e.Issues == ExchangeIssues.NoRequest));
        Assert.Equal(ExchangeIssues.NoResponse, sink.Exchanges[^1].Issues);
        Assert.Equal(1, budget.WaitsGivenUp);
        Assert.Equal(0, budget.Held);
    }

    [Fact]
    public void ResponseWaitingAgainDuringAReplay_KeepsItsBytesCountedOnce_AndGivesThemBack()
    {
        var budget = new HttpMemoryBudget(1 << 20);
        var sink = new RecordingSink();
        var conversation = new HttpConversation(new HttpParserOptions { MemoryBudget = budget }, sink, C);
        const string secondHead = "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n";

        // Both responses were captured before their requests (packet times say the requests came first).
        Feed(conversation,
        [
            Step.Data(S, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello") with { TimestampNs = 5_000 },
            Step.Data(S, secondHead) with { TimestampNs = 6_000 },
            Step.Data(S, new byte[500]) with { TimestampNs = 7_000 },
            Step.Data(C, "GET /1 HTTP/1.1\r\nHost: h\r\n\r\n") with { TimestampNs = 1_000 },
        ]);

        // The first exchange left; the second response waits again for its request, its body held back once.
        Assert.Equal("/1", Assert.Single(sink.Exchanges).Request!.Target);
        Assert.InRange(budget.Held, secondHead.Length + 500, secondHead.Length + 500 + 64);

        Feed(conversation, [Step.Data(C, "GET /2 HTTP/1.1\r\nHost: h\r\n\r\n") with { TimestampNs = 2_000 }]);
        Assert.Equal(2, sink.Exchanges.Count);
        Assert.All(sink.Exchanges, e => Assert.True(e.IsComplete));
        Assert.Equal(500, sink.Exchanges[1].ResponseBody.Size);
        Assert.Equal(0, budget.Held);
        conversation.Close(long.MaxValue / 2);
        Assert.Equal(0, budget.Held);
    }
}
