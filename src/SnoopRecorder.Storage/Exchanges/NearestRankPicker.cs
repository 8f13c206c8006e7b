namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// Picks the 50th, 95th and 99th percentiles of <c>count</c> values handed to it in ascending order, keeping only the
/// picked values. Nearest rank: the p-th percentile is the value of rank ⌈p·n/100⌉ (1-based) in sorted order, always
/// one of the values (never interpolated); for n = 1 every percentile is that value.
/// </summary>
internal sealed class NearestRankPicker
{
    private readonly long _rank50;
    private readonly long _rank95;
    private readonly long _rank99;
    private long _seen;
    private long? _p50;
    private long? _p95;
    private long? _p99;

    public NearestRankPicker(long count)
    {
        _rank50 = Rank(50, count);
        _rank95 = Rank(95, count);
        _rank99 = Rank(99, count);
    }

    public DurationPercentiles Result => new(_p50, _p95, _p99);

    /// <summary>The 1-based rank of the <paramref name="percent"/>-th percentile among <paramref name="count"/> values; 0 for none.</summary>
    public static long Rank(int percent, long count) => ((percent * count) + 99) / 100;

    /// <summary>Takes the next value; values must come in ascending order.</summary>
    public void Observe(long value)
    {
        _seen++;
        if (_seen == _rank50)
        {
            _p50 = value;
        }

        if (_seen == _rank95)
        {
            _p95 = value;
        }

        if (_seen == _rank99)
        {
            _p99 = value;
        }
    }
}
