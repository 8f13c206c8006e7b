using System.ComponentModel.DataAnnotations;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Analysis;

namespace SnoopRecorder.Api.Imports;

/// <summary>Limits of <c>POST /api/imports</c> and of the analysis behind it (section <c>Snoop</c>).</summary>
public sealed class ImportOptions : IValidatableObject
{
    public const string SectionName = "Snoop";
    public const long DefaultMaxImportBytes = 8L << 30;
    public const int DefaultImportWaitSeconds = 10;
    public const int DefaultMaxQueuedImports = 32;
    public const int MaxMaxQueuedImports = 10_000;

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
