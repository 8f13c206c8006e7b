namespace SnoopRecorder.Packets;

/// <summary>Outcome of <see cref="PacketDecoder.TryDecode"/>.</summary>
public enum DecodeResult
{
    /// <summary>A TCP segment was decoded; the out parameter is valid.</summary>
    Tcp,

    /// <summary>A well-formed frame that does not carry TCP over IP (ARP, UDP, ICMP, tunnels...).</summary>
    NotTcp,

    /// <summary>The link type is not one of <see cref="LinkTypes"/>.</summary>
    UnsupportedLinkType,

    /// <summary>The frame is too short or its headers contradict each other.</summary>
    Malformed,

    /// <summary>An IPv4 or IPv6 fragment; fragments are not reassembled.</summary>
    IpFragment,
}
