using System.Runtime.InteropServices;

namespace SnoopRecorder.Capture.Live;

/// <summary>The few libpcap calls SharpPcap does not expose; the library is Debian's libpcap0.8, as SharpPcap's.</summary>
internal static partial class LibPcapCalls
{
    private const string Library = "libpcap.so.0.8";

    [LibraryImport(Library)]
    public static partial int pcap_set_datalink(IntPtr handle, int linkType);

    [LibraryImport(Library)]
    public static partial int pcap_datalink(IntPtr handle);

    [LibraryImport(Library)]
    public static partial void pcap_breakloop(IntPtr handle);
}
