namespace SnoopRecorder.Api.Tests.ContentTraffic;

/// <summary>
/// Packets cannot be captured here: tcpdump is missing or lacks the privilege. The only failure
/// <c>SNOOP_SKIP_PRIVILEGED=1</c> turns into an early return.
/// </summary>
internal sealed class CaptureUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
