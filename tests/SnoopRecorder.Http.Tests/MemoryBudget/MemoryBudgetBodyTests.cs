using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Tests.TestSupport;
using static SnoopRecorder.Http.Tests.TestSupport.Harness;

namespace SnoopRecorder.Http.Tests.MemoryBudget;

/// <summary>Conversations that share one memory budget: many unfinished large bodies cannot add up without bound.</summary>
public sealed class MemoryBudgetBodyTests
{
    private const int BodyBytes = 300_000;

    [Fact]
    public void UnfinishedBodiesPastTheBudget_AreCutAndFlagged_TheFirstOnesStoreWhole_AndClosingGivesEverythingBack()
    {
        var budget = new HttpMemoryBudget(700_000);
        var options = new HttpParserOptions { MemoryBudget = budget };
        var sinks = new List<RecordingSink>();
        var conversations = new List<HttpConversation>();
        for (var i = 0; i < 4; i++)
        {
            var sink = new RecordingSink();
            var conversation = new HttpConversation(options, sink, C);
            Feed(conversation, [Scripts.GetRequest, Step.Data(S, $"HTTP/1.1 200 OK\r\nContent-Length: {BodyBytes}\r\n\r\n")]);
            // Each response is on its way: most of its body arrived, the rest not yet.
            conversation.OnData(S, new byte[BodyBytes - 10], 5_000, 5);
            sinks.Add(sink);
            conversations.Add(conversation);
        }

        Assert.True(budget.Held <= budget.MaxBytes, $"{budget.Held} bytes held");
        foreach (var conversation in conversations)
        {
            conversation.OnData(S, new byte[10], 6_000, 6);
            conversation.Close(7_000);
        }

        var bodies = sinks.Select(s => Assert.Single(s.Exchanges)).ToList();
        Assert.All(bodies, e => Assert.Equal(BodyBytes, e.ResponseBody.Size));
        Assert.Equal(BodyBytes, bodies[0].ResponseBody.Data.Length);
        Assert.Equal(BodyBytes, bodies[1].ResponseBody.Data.Length);
        Assert.Equal(ExchangeIssues.None, bodies[0].Issues);
        var cut = bodies.Skip(2).ToList();
        Assert.All(cut, e => Assert.True(e.ResponseBody.Truncated));
        Assert.All(cut, e => Assert.Equal(ExchangeIssues.ResponseBodyTruncated, e.Issues));
        Assert.Equal(2, budget.BodiesCut);
        Assert.Equal(0, budget.Held);
    }

    [Fact]
    public void ConversationClosedMidBody_GivesItsBytesBack_SoTheNextBodyIsStoredWhole()
    {
        var budget = new HttpMemoryBudget(BodyBytes + 100_000);
        var options = new HttpParserOptions { MemoryBudget = budget };
        var abandoned = new HttpConversation(options, new RecordingSink(), C);
        Feed(abandoned, [Scripts.GetRequest, Step.Data(S, $"HTTP/1.1 200 OK\r\nContent-Length: {BodyBytes}\r\n\r\n")]);
        abandoned.OnData(S, new byte[BodyBytes - 1], 5_000, 5);
        Assert.True(budget.Held >= BodyBytes - 1);

        abandoned.Close(6_000);
        Assert.Equal(0, budget.Held);

        var exchanges = Run([Scripts.GetRequest, Step.Data(S, $"HTTP/1.1 200 OK\r\nContent-Length: {BodyBytes}\r\n\r\n"), Step.Data(S, new byte[BodyBytes])], options);
        Assert.Equal(BodyBytes, Assert.Single(exchanges).ResponseBody.Data.Length);
        Assert.Equal(0, budget.BodiesCut);
        Assert.Equal(0, budget.Held);
    }

    [Fact]
    public void NormalTrafficUnderTheBudget_IsParsedExactlyAsWithout_AndGivesEveryByteBack()
    {
        var budget = new HttpMemoryBudget(1 << 20);
        var withBudget = new HttpParserOptions { MemoryBudget = budget };
        var sinks = new List<RecordingSink>();
        var conversations = new List<HttpConversation>();
        for (var i = 0; i < 8; i++)
        {
            sinks.Add(new RecordingSink());
            conversations.Add(new HttpConversation(withBudget, sinks[i], C));
        }

        // Interleaved, as connections share a capture; each exchange leaves as soon as it is whole.
        foreach (var step in Scripts.KeepAlive)
        {
            foreach (var conversation in conversations)
            {
                Feed(conversation, [step]);
                Assert.True(budget.Held <= budget.MaxBytes);
            }
        }

        var held = budget.Held;
        conversations.ForEach(c => c.Close(long.MaxValue / 2));

        var expected = Run(Scripts.KeepAlive).Select(Describe).ToList();
        Assert.All(sinks, sink => Assert.Equal(expected, sink.Exchanges.Select(Describe)));
        Assert.Equal(0, held);
        Assert.Equal(0, budget.Held);
        Assert.Equal((0L, 0L, 0L, 0L), (budget.BodiesCut, budget.PendingExchangesEmitted, budget.WaitsGivenUp, budget.HeadsCut));
    }
}
