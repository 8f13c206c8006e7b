using SnoopRecorder.Capture.Files;
using SnoopRecorder.Analysis;

namespace SnoopRecorder.Capture.Tests.RealTraffic;

/// <summary>Keeps everything an analysis hands out, in order.</summary>
internal sealed class CollectingSink : IAnalysisSink
{
    public List<AnalyzedExchange> Exchanges { get; } = [];
    public List<AnalyzedConnection> ClosedConnections { get; } = [];

    public void OnExchange(AnalyzedExchange exchange) => Exchanges.Add(exchange);

    public void OnConnectionClosed(AnalyzedConnection connection) => ClosedConnections.Add(connection);
}
