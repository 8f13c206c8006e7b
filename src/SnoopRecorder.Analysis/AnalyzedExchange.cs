using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Analysis;

/// <summary>An HTTP exchange with the TCP connection it travelled on, client and server resolved.</summary>
public sealed class AnalyzedExchange
{
    public required HttpExchange Exchange { get; init; }
    public required AnalyzedConnection Connection { get; init; }
    public required NetworkEndpoint Client { get; init; }
    public required NetworkEndpoint Server { get; init; }
}
