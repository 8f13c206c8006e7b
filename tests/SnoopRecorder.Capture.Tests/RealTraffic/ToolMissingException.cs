namespace SnoopRecorder.Capture.Tests.RealTraffic;

/// <summary>A tool the real-traffic tests drive is not installed.</summary>
internal sealed class ToolMissingException(string message, Exception inner) : Exception(message, inner);
