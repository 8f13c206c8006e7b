namespace SnoopRecorder.TestSupport;

/// <summary>
/// Packets cannot be captured here: the capture tool is missing or lacks the privilege (root, or CAP_NET_RAW and
/// CAP_NET_ADMIN). The only failure <c>SNOOP_SKIP_PRIVILEGED=1</c> turns into an early return.
/// </summary>
public sealed class CaptureUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
