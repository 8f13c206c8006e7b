namespace SnoopRecorder.Capture.Tests.Fuzz;

/// <summary>How one mutant ended; the first three are the documented outcomes, the rest fail the run.</summary>
internal enum FuzzOutcome
{
    /// <summary>Read to its end.</summary>
    Completed,

    /// <summary>Read up to a damaged record: <c>CaptureAnalysisResult.Error</c> says where (an import ends <c>failed</c>).</summary>
    BrokenMidway,

    /// <summary>Not a capture libpcap can open: <c>InvalidCaptureFileException</c> (an import is refused).</summary>
    Refused,

    /// <summary>Any other exception escaped.</summary>
    Crashed,

    /// <summary>The sink saw something that must never happen.</summary>
    InvariantBroken,

    /// <summary>Not finished within the per-input timeout.</summary>
    Hung,
}
