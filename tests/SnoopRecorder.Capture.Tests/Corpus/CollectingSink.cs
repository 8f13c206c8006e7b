using SnoopRecorder.Capture.Files;
using SnoopRecorder.Analysis;

namespace SnoopRecorder.Capture.Tests.Corpus;

/// <summary>Keeps everything an analysis reports, in order.</summary>
internal sealed class CollectingSink : IAnalysisSink
{
    public List<AnalyzedExchange> Exchanges { get; } = [];
    public List<AnalyzedConnection> Connections { get; } = [];

    public void OnExchange(AnalyzedExchange exchange) => Exchanges.Add(exchange);

    public void OnConnectionClosed(AnalyzedConnection connection) => Connections.Add(connection);

    public static (CaptureAnalysisResult Result, CollectingSink Sink) Analyze(string path, int maxBodyBytes = 16 << 20)
    {
        var sink = new CollectingSink();
        var analyzer = new CaptureFileAnalyzer(new CaptureAnalysisOptions { MaxBodyBytes = maxBodyBytes });
        return (analyzer.Analyze(path, sink, CancellationToken.None), sink);
    }
}
