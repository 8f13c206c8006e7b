namespace SnoopRecorder.Benchmarks.Queries;

/// <summary>Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s: a few items get most of the traffic.</summary>
internal sealed class ZipfSampler
{
    private readonly double[] _cumulative;

    public ZipfSampler(int count, double exponent)
    {
        _cumulative = new double[count];
        var total = 0.0;
        for (var i = 0; i < count; i++)
        {
            total += 1.0 / Math.Pow(i + 1, exponent);
            _cumulative[i] = total;
        }

        for (var i = 0; i < count; i++)
        {
            _cumulative[i] /= total;
        }
    }

    public int Next(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }
}
