using SnoopRecorder.Http;

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
}
