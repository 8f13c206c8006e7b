using SnoopRecorder.Capture.Files;
using SnoopRecorder.Analysis;

namespace SnoopRecorder.Benchmarks.Pipeline;

/// <summary>Counts what the analyzer finds, keeping nothing, so storage is not part of the measurement.</summary>
internal sealed class CountingAnalysisSink : IAnalysisSink
{
    public int Exchanges { get; private set; }

    public int CompleteExchanges { get; private set; }

    public int Connections { get; private set; }

    public void OnExchange(AnalyzedExchange exchange)
    {
        Exchanges++;
        if (exchange.Exchange.IsComplete)
        {
            CompleteExchanges++;
        }
    }

    public void OnConnectionClosed(AnalyzedConnection connection) => Connections++;
}
