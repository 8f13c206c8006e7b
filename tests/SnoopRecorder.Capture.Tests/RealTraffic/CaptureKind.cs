namespace SnoopRecorder.Capture.Tests.RealTraffic;

/// <summary>The capture files made of the same traffic, one per link layer, timestamp precision and file format.</summary>
public enum CaptureKind
{
    /// <summary><c>tcpdump -i lo</c>: pcap, microseconds, LINKTYPE_ETHERNET (loopback has a zeroed Ethernet header).</summary>
    LoopbackPcap,

    /// <summary><c>tcpdump -i any -y LINUX_SLL</c>: Linux cooked capture v1 (LINKTYPE_LINUX_SLL, 113).</summary>
    AnyLinuxCooked,

    /// <summary><c>tcpdump -i any -y LINUX_SLL2</c>: Linux cooked capture v2 (LINKTYPE_LINUX_SLL2, 276).</summary>
    AnyLinuxCookedV2,

    /// <summary><c>tcpdump -i lo --time-stamp-precision=nano</c>: pcap with nanosecond timestamps (magic A1B23C4D).</summary>
    LoopbackNanosecondPcap,

    /// <summary><c>tshark -i lo -F pcapng</c>: pcapng as dumpcap writes it.</summary>
    TsharkPcapNg,

    /// <summary><c>editcap -F pcapng</c> of <see cref="LoopbackPcap"/>: pcapng converted from a pcap.</summary>
    EditcapPcapNg,
}
