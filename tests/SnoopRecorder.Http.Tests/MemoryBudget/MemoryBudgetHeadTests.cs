using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Tests.TestSupport;
using static SnoopRecorder.Http.Tests.TestSupport.Harness;

namespace SnoopRecorder.Http.Tests.MemoryBudget;

/// <summary>Heads not whole yet share the budget: many connections each stuck inside a large head cannot add up.</summary>
public sealed class MemoryBudgetHeadTests
{
    private const int FieldBytes = 3000;

    private static readonly Step[] RestOfTheConnection =
    [
        Step.Data(C, "\r\n\r\n"),
        Step.Data(S, "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\n\r\n"),
        Step.Data(C, "GET /after HTTP/1.1\r\nHost: h\r\n\r\n"),
        Scripts.LengthResponse,
    ];

    [Fact]
    public void UnfinishedHeadsPastTheBudget_AreCutAsMalformed_AsPastMaxHeaderSectionBytes_AndParsingResynchronises()
    {
        // Room for three unfinished heads of 3 KB, not four.
        var budget = new HttpMemoryBudget(10_000);
        var options = new HttpParserOptions { MemoryBudget = budget };
        var sinks = Enumerable.Range(0, 4).Select(_ => new RecordingSink()).ToList();
        var conversations = sinks.Select(sink => new HttpConversation(options, sink, C)).ToList();
        for (var i = 0; i < conversations.Count; i++)
        {
            Feed(conversations[i], [BigHeadStart(i)]);
            Assert.True(budget.Held <= budget.MaxBytes, $"{budget.Held} bytes held");
        }

        Assert.Equal(1, budget.HeadsCut);

        // The fourth request was cut: flagged as a head past the section limit is, and the connection goes on.
        Feed(conversations[3], RestOfTheConnection);
        var pastSectionLimit = Run([BigHeadStart(3), .. RestOfTheConnection], new HttpParserOptions { MaxHeaderSectionBytes = 1000 });
        Assert.Equal(pastSectionLimit.Select(e => (e.Request!.Target, e.Issues)), sinks[3].Exchanges.Select(e => (e.Request!.Target, e.Issues)));
        Assert.Equal(ExchangeIssues.RequestMalformed, sinks[3].Exchanges[0].Issues);
        Assert.Equal(431, sinks[3].Exchanges[0].Response!.StatusCode);
        Assert.True(sinks[3].Exchanges[1].IsComplete);

        // The first three finish their heads whole.
        for (var i = 0; i < 3; i++)
        {
            Feed(conversations[i], [Step.Data(C, "\r\n\r\n"), Scripts.NoContentResponse]);
            var exchange = Assert.Single(sinks[i].Exchanges);
            Assert.Equal((ExchangeIssues.None, FieldBytes), (exchange.Issues, exchange.Request!.Headers[0].Value.Length));
        }

        conversations.ForEach(c => c.Close(long.MaxValue / 2));
        Assert.Equal(0, budget.Held);
    }

    [Fact]
    public void ConversationsClosedInsideTheirHeads_GiveEveryByteBack()
    {
        var budget = new HttpMemoryBudget(1 << 20);
        var options = new HttpParserOptions { MemoryBudget = budget };
        var conversations = Enumerable.Range(0, 50).Select(_ => new HttpConversation(options, new RecordingSink(), C)).ToList();
        for (var i = 0; i < conversations.Count; i++)
        {
            // Start lines cut short, header sections cut short, trailer sections cut short.
            Feed(conversations[i], (i % 3) switch
            {
                0 => [Step.Data(C, "GET /" + new string('p', 2000))],
                1 => [BigHeadStart(i)],
                _ => [Step.Data(C, "POST /t HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-Trailer: " + new string('t', 2000))],
            });
        }

        Assert.True(budget.Held > 50 * 2000, $"{budget.Held} bytes held");
        conversations.ForEach(c => c.Close(long.MaxValue / 2));
        Assert.Equal(0, budget.Held);
    }

    private static Step BigHeadStart(int i) => Step.Data(C, $"GET /{i} HTTP/1.1\r\nX-Big: " + new string('a', FieldBytes));
}
