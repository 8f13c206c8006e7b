using SnoopRecorder.Http.Tests.TestSupport;
using static SnoopRecorder.Http.Tests.TestSupport.Harness;

namespace SnoopRecorder.Http.Tests;

/// <summary>TCP cuts a byte stream anywhere: every split position must give the same exchanges.</summary>
public sealed class HttpConversationSplitTests
{
    public static TheoryData<int> StepIndexes() => [.. Enumerable.Range(0, Scripts.KeepAlive.Count)];

    [Fact]
    public void KeepAliveConnection_WholeMessages_GivesFourCompleteExchanges()
    {
        var exchanges = Run(Scripts.KeepAlive);

        Assert.Equal(4, exchanges.Count);
        Assert.All(exchanges, exchange => Assert.True(exchange.IsComplete, Describe(exchange)));
        Assert.Equal(["GET", "POST", "HEAD", "PUT"], exchanges.Select(e => e.Request!.Method));
        Assert.Equal([200, 201, 200, 204], exchanges.Select(e => e.Response!.StatusCode));
    }

    [Theory]
    [MemberData(nameof(StepIndexes))]
    public void KeepAliveConnection_MessageSplitAtEveryByte_GivesSameExchanges(int stepIndex)
    {
        var expected = Run(Scripts.KeepAlive).Select(Describe).ToList();
        var step = Scripts.KeepAlive[stepIndex];

        for (var offset = 1; offset < step.Bytes.Length; offset++)
        {
            var steps = Scripts.KeepAlive.SelectMany((s, i) => i == stepIndex ? Cut(s, offset) : [s]);
            var actual = Run(steps).Select(Describe).ToList();
            Assert.True(expected.SequenceEqual(actual), $"split at {offset} of step {stepIndex}:\n{string.Join("\n", actual)}");
        }
    }

    [Fact]
    public void KeepAliveConnection_OneBytePerPacket_GivesSameExchanges()
    {
        var expected = Run(Scripts.KeepAlive).Select(Describe).ToList();

        var actual = Run(Scripts.KeepAlive.SelectMany(Bytewise)).Select(Describe).ToList();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void KeepAliveConnection_EachSideInOneSegmentPerMessagePairSplitInThree_GivesSameExchanges()
    {
        var expected = Run(Scripts.KeepAlive).Select(Describe).ToList();

        for (var first = 1; first < Scripts.ChunkedPost.Bytes.Length - 1; first += 3)
        {
            for (var second = first + 1; second < Scripts.ChunkedPost.Bytes.Length; second += 5)
            {
                var steps = Scripts.KeepAlive.SelectMany(s => s == Scripts.ChunkedPost ? Cut(s, first, second) : [s]);
                Assert.Equal(expected, Run(steps).Select(Describe).ToList());
            }
        }
    }
}
