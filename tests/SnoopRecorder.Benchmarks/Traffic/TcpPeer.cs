namespace SnoopRecorder.Benchmarks.Traffic;

/// <summary>One side of a simulated connection: its addresses and the next sequence number it will send.</summary>
internal sealed class TcpPeer
{
    public TcpPeer(ulong mac, uint address, ushort port, uint initialSequence)
    {
        Mac = mac;
        Address = address;
        Port = port;
        NextSequence = initialSequence;
    }

    /// <summary>48-bit MAC address in the low bits.</summary>
    public ulong Mac { get; }

    /// <summary>IPv4 address in host order.</summary>
    public uint Address { get; }

    public ushort Port { get; }

    public uint NextSequence { get; set; }

    public ushort NextIpId { get; set; }

    /// <summary>RFC 7323 TSval this side puts in its next segment.</summary>
    public uint TimestampValue { get; set; }
}
