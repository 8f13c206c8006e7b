using SnoopRecorder.Http;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Analysis;

/// <summary>Limits of one analysis; the API maps its validated configuration onto this.</summary>
public sealed class CaptureAnalysisOptions
{
    public const int DefaultMaxBodyBytes = 1 << 20;

    /// <summary>Stored bytes per body and side; the real size is still counted beyond it.</summary>
    public int MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>
    /// Bytes the HTTP layer of all connections of the analysis may hold at once: bodies and heads being parsed,
    /// exchanges waiting for their response, deferred input (see <see cref="HttpMemoryBudget"/>).
    /// </summary>
    public long MaxHeldHttpBytes { get; init; } = HttpMemoryBudget.DefaultMaxBytes;

    /// <summary>
    /// Connections tracked at once; past it the least recently active one is closed and stored as it is (counted as
    /// evicted). Each tracked connection keeps a few kilobytes of state.
    /// </summary>
    public int MaxConnections { get; init; } = TcpReassemblyOptions.DefaultMaxConnections;

    /// <summary>Out-of-order bytes all connections of the analysis may buffer together, waiting for a hole to fill.</summary>
    public long MaxOutOfOrderBytes { get; init; } = TcpReassemblyOptions.DefaultMaxOutOfOrderBytesTotal;
}
