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
    public static partial int pcap_get_selectable_fd(IntPtr handle);

    [LibraryImport(Library)]
    public static partial int pcap_setnonblock(IntPtr handle, int nonBlock, IntPtr errorBuffer);

    public const short PollIn = 0x1;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int poll(ref PollFd fd, nuint count, int timeoutMilliseconds);

    /// <summary><c>struct pollfd</c> (poll.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    /// <summary>
    /// Our own binding of pcap_stats: SharpPcap 6.3.1 declares <c>struct pcap_stat</c>'s 32-bit counters as
    /// pointer-sized, so on 64-bit Linux its <c>DroppedPackets</c> reads <c>ps_ifdrop</c>, not <c>ps_drop</c>.
    /// </summary>
    [LibraryImport(Library)]
    public static partial int pcap_stats(IntPtr handle, out PcapStat stat);

    /// <summary><c>struct pcap_stat</c> (pcap.h): three <c>u_int</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PcapStat
    {
        public uint Received;
        public uint Dropped;
        public uint InterfaceDropped;
    }
}
