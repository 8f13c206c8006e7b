namespace SnoopRecorder.Capture.Live;

/// <summary>What one read of a live capture handle gave.</summary>
internal enum LiveReadStatus
{
    Packet,
    Timeout,
    Error,
}
