namespace SnoopRecorder.Benchmarks.Http;

/// <summary>Which <see cref="SnoopRecorder.Packets.ITcpStreamHandler"/> call a recorded event replays.</summary>
internal enum StreamEventKind : byte
{
    Data,
    Gap,
    Conflict,
    End,
    Closed,
}
