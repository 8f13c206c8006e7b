namespace SnoopRecorder.Analysis;

/// <summary>Receives the results of an analysis as they are found, on the analysing thread.</summary>
public interface IAnalysisSink
{
    void OnExchange(AnalyzedExchange exchange);

    /// <summary>Called once per TCP connection when it is closed, flushed idle, or the capture ends.</summary>
    void OnConnectionClosed(AnalyzedConnection connection);
}
