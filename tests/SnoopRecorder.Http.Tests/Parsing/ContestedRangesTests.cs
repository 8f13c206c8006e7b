using SnoopRecorder.Http.Parsing;

namespace SnoopRecorder.Http.Tests.Parsing;

public sealed class ContestedRangesTests
{
    [Fact]
    public void Classify_CutsTheInputAtEveryRangeBoundary_AndForgetsRangesReadPast()
    {
        var ranges = new ContestedRanges();
        ranges.Add(10, 15);
        ranges.Add(20, 22);

        Assert.False(ranges.Classify(0, 100, out var length));
        Assert.Equal(10, length);
        Assert.True(ranges.Classify(10, 100, out length));
        Assert.Equal(5, length);
        Assert.True(ranges.Classify(12, 2, out length));
        Assert.Equal(2, length);
        Assert.False(ranges.Classify(15, 100, out length));
        Assert.Equal(5, length);
        Assert.Equal(1, ranges.Count);
        Assert.True(ranges.Classify(21, 100, out length));
        Assert.Equal(1, length);
        Assert.False(ranges.Classify(22, 100, out length));
        Assert.Equal(100, length);
        Assert.True(ranges.IsEmpty);
    }

    [Fact]
    public void Add_MergesTouchingAndOverlappingRanges()
    {
        var ranges = new ContestedRanges();
        ranges.Add(0, 5);
        ranges.Add(5, 8);
        ranges.Add(6, 7);

        Assert.Equal(1, ranges.Count);
        Assert.True(ranges.Classify(0, 100, out var length));
        Assert.Equal(8, length);
    }

    [Fact]
    public void Add_BeyondTheCap_MergesEverythingIntoOneRangeUpToTheFurthestEnd()
    {
        var ranges = new ContestedRanges();
        for (var i = 0; i < ContestedRanges.MaxRanges; i++)
        {
            ranges.Add(i * 10, (i * 10) + 1);
        }

        Assert.Equal(ContestedRanges.MaxRanges, ranges.Count);
        ranges.Add(10_000, 10_005);

        Assert.Equal(1, ranges.Count);
        Assert.True(ranges.Classify(0, 20_000, out var length));
        Assert.Equal(10_005, length);
    }

    [Fact]
    public void Add_AfterTheRingWrapped_KeepsStreamOrder()
    {
        var ranges = new ContestedRanges();
        for (var i = 0; i < ContestedRanges.MaxRanges; i++)
        {
            ranges.Add(i * 10, (i * 10) + 1);
        }

        ranges.DiscardBefore(100);
        ranges.Add(5_000, 5_001);

        Assert.Equal(ContestedRanges.MaxRanges - 10 + 1, ranges.Count);
        Assert.True(ranges.Classify(630, 10, out _));
        Assert.False(ranges.Classify(631, 10_000, out var length));
        Assert.Equal(5_000 - 631, length);
        Assert.True(ranges.Classify(5_000, 10, out length));
        Assert.Equal(1, length);
    }
}
