namespace SnoopRecorder.Capture.Export;

/// <summary>
/// libpcap hands out a file's link type as a DLT_ value, which a pcap header must not carry where it differs from the
/// LINKTYPE_ value (https://www.tcpdump.org/linktypes.html): on Linux, DLT_RAW is 12 and DLT_ATM_RFC1483 is 11, read
/// from files written as LINKTYPE_RAW (101) and LINKTYPE_ATM_RFC1483 (100). Every other value is the same in both.
/// </summary>
internal static class FileLinkType
{
    private const int DltAtmRfc1483 = 11;
    private const int DltRawLinux = 12;
    private const int DltRawOpenBsd = 14;
    private const int LinkTypeAtmRfc1483 = 100;
    private const int LinkTypeRaw = 101;

    public static int FromDlt(int dlt) => dlt switch
    {
        DltRawLinux or DltRawOpenBsd => LinkTypeRaw,
        DltAtmRfc1483 => LinkTypeAtmRfc1483,
        _ => dlt,
    };
}
