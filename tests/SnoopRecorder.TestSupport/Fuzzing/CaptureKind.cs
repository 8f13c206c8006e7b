namespace SnoopRecorder.TestSupport.Fuzzing;

public enum CaptureKind
{
    Pcap,
    PcapNg,
}
