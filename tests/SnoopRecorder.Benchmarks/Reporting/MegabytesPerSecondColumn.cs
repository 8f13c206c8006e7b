using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SnoopRecorder.Benchmarks.Traffic;

namespace SnoopRecorder.Benchmarks.Reporting;

/// <summary>
/// Throughput in MB/s (10^6 bytes): the average bytes of one operation (see <see cref="ThroughputBasis"/>) over the
/// median time of one operation, so it compares directly with a capture reader's file MB/s.
/// </summary>
internal sealed class MegabytesPerSecondColumn : IColumn
{
    public string Id => nameof(MegabytesPerSecondColumn);

    public string ColumnName => "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Megabytes (10^6) per second at the median time: captured frame bytes, or TCP payload bytes for HTTP";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        var medianNs = report?.ResultStatistics?.Median;
        var basis = benchmarkCase.Descriptor.Type.GetCustomAttribute<ThroughputAttribute>()?.Basis;
        if (medianNs is not > 0 || basis is null)
        {
            return "-";
        }

        var bytesPerOperation = BytesPerOperation(basis.Value);
        return (bytesPerOperation / medianNs.Value * 1000).ToString("N1", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    private static double BytesPerOperation(ThroughputBasis basis)
    {
        var traffic = SyntheticTraffic.Shared;
        return basis == ThroughputBasis.CapturedFrame
            ? (double)traffic.Frames.TotalBytes / traffic.Frames.Count
            : (double)traffic.PayloadBytes / traffic.DataFrames;
    }
}
