namespace SnoopRecorder.Capture.Tests.RealTraffic;

/// <summary>How to start one capture tool, what it prints once capturing, and where it writes.</summary>
internal sealed record CaptureCommand(
    CaptureKind Kind, string Tool, IReadOnlyList<string> Arguments, string ReadyMarker, string DebianPackage, string OutputPath);
