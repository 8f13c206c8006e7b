namespace SnoopRecorder.Packets;

/// <summary>
/// libpcap LINKTYPE_/DLT_ values the decoder understands (https://www.tcpdump.org/linktypes.html).
/// </summary>
public static class LinkTypes
{
    /// <summary>BSD loopback: a 4-byte address family in the capturing host's byte order.</summary>
    public const int Null = 0;

    /// <summary>IEEE 802.3 Ethernet, with any number of 802.1Q/802.1ad tags.</summary>
    public const int Ethernet = 1;

    /// <summary>DLT_RAW as OpenBSD numbers it: raw IPv4 or IPv6.</summary>
    public const int RawOpenBsd = 12;

    /// <summary>DLT_RAW as other BSDs number it: raw IPv4 or IPv6.</summary>
    public const int RawBsd = 14;

    /// <summary>LINKTYPE_RAW: raw IPv4 or IPv6, the version taken from the first nibble.</summary>
    public const int Raw = 101;

    /// <summary>OpenBSD loopback: a 4-byte address family in network byte order.</summary>
    public const int Loop = 108;

    /// <summary>Linux cooked capture v1 (<c>tcpdump -i any</c>): 16-byte header, protocol at offset 14.</summary>
    public const int LinuxSll = 113;

    /// <summary>Raw IPv4 only.</summary>
    public const int Ipv4 = 228;

    /// <summary>Raw IPv6 only.</summary>
    public const int Ipv6 = 229;

    /// <summary>Linux netfilter NFLOG: a 4-byte header followed by TLVs, the packet in the payload TLV.</summary>
    public const int Nflog = 239;

    /// <summary>Linux cooked capture v2: 20-byte header, protocol at offset 0.</summary>
    public const int LinuxSll2 = 276;

    /// <summary>Whether <see cref="PacketDecoder.TryDecode"/> can decode frames of this link type.</summary>
    public static bool IsSupported(int linkType) => linkType is Null or Ethernet or RawOpenBsd or RawBsd or Raw
        or Loop or LinuxSll or Ipv4 or Ipv6 or Nflog or LinuxSll2;
}
