using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Tests.TestSupport;
using static SnoopRecorder.Http.Tests.TestSupport.Harness;

namespace SnoopRecorder.Http.Tests.MemoryBudget;

/// <summary>
/// Seeded random traffic on many conversations sharing a budget far too small for it, so that every way of making room
/// is taken (pending exchanges emitted, bodies cut, waits given up, heads cut) in every parser state.
/// </summary>
public sealed class MemoryBudgetRandomTrafficTests
{
    private const int Conversations = 12;
    private const int StepsEach = 120;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void RandomInterleavedTrafficUnderATinyBudget_NeverExceedsIt_AndClosingGivesEveryByteBack(int seed)
    {
        var random = new Random(seed);
        var budget = new HttpMemoryBudget(24_000);
        var options = new HttpParserOptions { MemoryBudget = budget, MaxPendingExchanges = 1 + random.Next(8), MaxBodyBytes = 8_000 };
        var sinks = Enumerable.Range(0, Conversations).Select(_ => new RecordingSink()).ToList();
        var conversations = sinks.Select(sink => new HttpConversation(options, sink, random.Next(3) == 0 ? null : C)).ToList();
        var scripts = conversations.Select(_ => Script(random).ToList()).ToList();
        var next = new int[Conversations];

        for (var remaining = scripts.Sum(s => s.Count); remaining > 0; remaining--)
        {
            int i;
            do
            {
                i = random.Next(Conversations);
            }
            while (next[i] == scripts[i].Count);

            var step = scripts[i][next[i]++];
            Feed(conversations[i], [step]);
            Assert.True(budget.Held <= budget.MaxBytes, $"{budget.Held} bytes held");
        }

        conversations.ForEach(c => c.Close(long.MaxValue / 2));

        Assert.Equal(0, budget.Held);
        Assert.True(budget.PendingExchangesEmitted + budget.BodiesCut + budget.WaitsGivenUp + budget.HeadsCut > 0);
        Assert.NotEmpty(sinks.SelectMany(s => s.Exchanges));
    }

    /// <summary>Messages of both sides (well-formed or not), gaps and ends, cut at random points.</summary>
    private static IEnumerable<Step> Script(Random random)
    {
        var time = 1_000_000L;
        for (var n = 0; n < StepsEach / 4; n++)
        {
            var side = random.Next(2) == 0 ? C : S;
            Step fragment = random.Next(14) switch
            {
                0 => Step.Data(C, $"GET /{n} HTTP/1.1\r\nHost: h\r\n\r\n"),
                1 => Step.Data(C, [.. Wire.Bytes($"POST /{n} HTTP/1.1\r\nContent-Length: {random.Next(6_000)}\r\n\r\n"), .. new byte[random.Next(6_000)]]),
                2 => Step.Data(C, $"PUT /{n} HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\nX-T: {new string('t', random.Next(3_000))}\r\n\r\n"),
                3 => Step.Data(C, $"GET /{n} HTTP/1.1\r\nX-Big: {new string('a', random.Next(9_000))}"),
                4 => Step.Data(S, [.. Wire.Bytes($"HTTP/1.1 200 OK\r\nContent-Length: {random.Next(6_000)}\r\n\r\n"), .. new byte[random.Next(6_000)]]),
                5 => Step.Data(S, $"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n{random.Next(1, 4_000):x}\r\n{new string('b', random.Next(4_000))}"),
                6 => Scripts.NoContentResponse,
                7 => Scripts.ContinueResponse,
                8 => Step.Data(S, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"),
                9 => Step.Data(S, "HTTP/1.0 200 OK\r\n\r\n" + new string('c', random.Next(5_000))),
                10 => Step.Gap(side, random.Next(3) == 0 ? -1 : random.Next(1, 3_000)),
                11 => Step.End(side),
                12 => Step.Data(side, [.. Enumerable.Range(0, random.Next(1, 200)).Select(_ => (byte)random.Next(256))]),
                _ => Step.Data(S, [.. Wire.Bytes($"HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n"), .. new byte[1_000]]),
            };

            // Mostly in time order; sometimes a side's bytes carry an earlier time (a reordered capture).
            time += random.Next(4) == 0 ? -500 : 1_000;
            if (fragment.Kind != StepKind.Data || fragment.Bytes.Length < 2)
            {
                yield return fragment with { TimestampNs = time };
                continue;
            }

            var cuts = Enumerable.Range(0, random.Next(3)).Select(_ => random.Next(1, fragment.Bytes.Length)).Distinct().Order().ToArray();
            foreach (var piece in Cut(fragment, cuts))
            {
                yield return piece with { TimestampNs = time };
            }
        }
    }
}
