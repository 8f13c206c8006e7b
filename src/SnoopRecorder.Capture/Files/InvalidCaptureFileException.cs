namespace SnoopRecorder.Capture.Files;

/// <summary>The file cannot be read as a capture at all (not pcap/pcapng, empty, or a header libpcap rejects).</summary>
public sealed class InvalidCaptureFileException(string message, Exception? inner = null) : Exception(message, inner);
