namespace SnoopRecorder.Capture.Files;

internal enum PcapReadStatus
{
    Packet,
    EndOfFile,
    Error,
}
