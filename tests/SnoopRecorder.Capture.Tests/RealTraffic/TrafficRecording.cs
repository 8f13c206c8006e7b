namespace SnoopRecorder.Capture.Tests.RealTraffic;

/// <summary>What was sent while the captures ran, and where the capture files are.</summary>
internal sealed class TrafficRecording
{
    /// <summary>Exchanges curl made: four on the keep-alive connection, then one per other run.</summary>
    public const int CurlExchanges = 4 + 6;
    public const int BenchRequests = 200;
    public const int BenchConcurrency = 4;
    public const int TotalExchanges = CurlExchanges + BenchRequests;

    public required int ServerPort { get; init; }
    public required ClientPorts ClientPorts { get; init; }
    public required IReadOnlyDictionary<CaptureKind, string> Files { get; init; }

    /// <summary>Unix time (ns) taken after every capture announced it was capturing and before the first request.</summary>
    public required long WindowStartNs { get; init; }

    /// <summary>Unix time (ns) taken after the last response and before the captures were stopped.</summary>
    public required long WindowEndNs { get; init; }
}
