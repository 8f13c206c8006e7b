using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace SnoopRecorder.Benchmarks.Reporting;

/// <summary>
/// Adds the MB/s column, and Min and Median next to Mean: on a shared machine other processes only ever add time,
/// so Min is the steadiest estimate of the code's own cost. Jobs and filters still come from the command line.
/// </summary>
internal sealed class HotPathConfig : ManualConfig
{
    public HotPathConfig() => AddColumn(StatisticColumn.Min, StatisticColumn.Median, new MegabytesPerSecondColumn());
}
