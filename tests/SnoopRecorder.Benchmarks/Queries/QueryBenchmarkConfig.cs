using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;

namespace SnoopRecorder.Benchmarks.Queries;

/// <summary>Min and Median next to Mean (other processes only add time), and query names shown whole.</summary>
internal sealed class QueryBenchmarkConfig : ManualConfig
{
    public QueryBenchmarkConfig()
    {
        AddColumn(StatisticColumn.Min, StatisticColumn.Median);
        SummaryStyle = SummaryStyle.Default.WithMaxParameterColumnWidth(40);
    }
}
