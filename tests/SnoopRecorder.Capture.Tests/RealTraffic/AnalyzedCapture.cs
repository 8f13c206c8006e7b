using SnoopRecorder.Capture.Files;
using SnoopRecorder.Analysis;

namespace SnoopRecorder.Capture.Tests.RealTraffic;

/// <summary>The analyzer's view of one capture file.</summary>
internal sealed class AnalyzedCapture(CaptureAnalysisResult result, CollectingSink sink)
{
    public CaptureAnalysisResult Result { get; } = result;
    public IReadOnlyList<AnalyzedExchange> Exchanges { get; } = sink.Exchanges;
    public IReadOnlyList<AnalyzedConnection> ClosedConnections { get; } = sink.ClosedConnections;

    /// <summary>The exchanges of the connection opened from <paramref name="clientPort"/>, in the order they started.</summary>
    public IReadOnlyList<AnalyzedExchange> OnConnectionFrom(int clientPort) =>
        Exchanges.Where(e => e.Client.Port == clientPort).OrderBy(e => e.Exchange.StartedAtNs).ToList();

    /// <summary>The only exchange of the connection opened from <paramref name="clientPort"/>.</summary>
    public AnalyzedExchange SingleFrom(int clientPort) => Assert.Single(OnConnectionFrom(clientPort));
}
