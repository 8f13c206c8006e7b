using System.ComponentModel.DataAnnotations;
using SnoopRecorder.Analysis;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Http;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Api.Imports;

/// <summary>
/// Limits of <c>POST /api/imports</c> and of every analysis, of an import or of a live recording (section <c>Snoop</c>).
/// The memory limits are per analysis: up to <see cref="MaxConcurrentImports"/> imports and the recording sessions
/// run at once, each with its own.
/// </summary>
public sealed class ImportOptions : IValidatableObject
{
    public const string SectionName = "Snoop";
    public const long DefaultMaxImportBytes = 8L << 30;
    public const int DefaultImportWaitSeconds = 10;
    public const int DefaultMaxQueuedImports = 32;
    public const int MaxMaxQueuedImports = 10_000;
    public const long MinAnalysisMemoryBytes = 16L << 20;
    public const long MaxAnalysisMemoryBytes = 64L << 30;

    /// <summary>Largest accepted upload; larger ones get 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxImportBytes { get; set; } = DefaultMaxImportBytes;

    /// <summary>How long an upload waits for its analysis before answering 202 instead of 201.</summary>
    [Range(0, 3_600)]
    public int ImportWaitSeconds { get; set; } = DefaultImportWaitSeconds;

    /// <summary>Stored bytes per body and side; the real size is still recorded.</summary>
    [Range(0, int.MaxValue)]
    public int MaxBodyBytes { get; set; } = CaptureAnalysisOptions.DefaultMaxBodyBytes;

    /// <summary>Imports analysed at the same time; more wait in the queue.</summary>
    [Range(1, 16)]
    public int MaxConcurrentImports { get; set; } = 2;

    /// <summary>Imports that may wait for analysis behind the running ones; one more upload gets 429 before it is read.</summary>
    [Range(1, MaxMaxQueuedImports, ErrorMessage = "Snoop:MaxQueuedImports must be from {1} to {2}")]
    public int MaxQueuedImports { get; set; } = DefaultMaxQueuedImports;

    /// <summary>Connections one analysis tracks at once; past it the least recently active is stored and dropped (evicted).</summary>
    [Range(100, 10_000_000, ErrorMessage = "Snoop:MaxTrackedConnections must be from {1} to {2}")]
    public int MaxTrackedConnections { get; set; } = TcpReassemblyOptions.DefaultMaxConnections;

    /// <summary>Bytes the HTTP parsing of one analysis may hold across its connections (see <see cref="HttpMemoryBudget"/>).</summary>
    [Range(MinAnalysisMemoryBytes, MaxAnalysisMemoryBytes, ErrorMessage = "Snoop:MaxHeldHttpBytes must be from {1} to {2}")]
    public long MaxHeldHttpBytes { get; set; } = HttpMemoryBudget.DefaultMaxBytes;

    /// <summary>Out-of-order bytes one analysis may buffer across its connections.</summary>
    [Range(MinAnalysisMemoryBytes, MaxAnalysisMemoryBytes, ErrorMessage = "Snoop:MaxOutOfOrderBytes must be from {1} to {2}")]
    public long MaxOutOfOrderBytes { get; set; } = TcpReassemblyOptions.DefaultMaxOutOfOrderBytesTotal;

    /// <summary>What every analysis (imports and recordings alike) is given of these limits.</summary>
    public CaptureAnalysisOptions ToAnalysisOptions() => new()
    {
        MaxBodyBytes = MaxBodyBytes,
        MaxConnections = MaxTrackedConnections,
        MaxHeldHttpBytes = MaxHeldHttpBytes,
        MaxOutOfOrderBytes = MaxOutOfOrderBytes,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxImportBytes < CaptureFileFormat.MagicLength)
        {
            yield return new ValidationResult(
                $"Snoop:MaxImportBytes must allow at least the {CaptureFileFormat.MagicLength} bytes of a capture's magic number.",
                [nameof(MaxImportBytes)]);
        }
    }
}
