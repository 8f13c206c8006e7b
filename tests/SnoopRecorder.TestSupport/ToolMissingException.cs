namespace SnoopRecorder.TestSupport;

/// <summary>A tool the real-traffic tests drive is not installed.</summary>
public sealed class ToolMissingException(string message, Exception inner) : Exception(message, inner);
