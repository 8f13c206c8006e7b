namespace SnoopRecorder.Benchmarks.Reporting;

/// <summary>What one operation of a benchmark consumes, for the MB/s column.</summary>
internal enum ThroughputBasis
{
    /// <summary>One captured frame: MB/s is captured bytes (as in a pcap file, without record headers) per second.</summary>
    CapturedFrame,

    /// <summary>One reassembled data chunk: MB/s is TCP payload bytes per second.</summary>
    StreamChunk,
}
