namespace SnoopRecorder.Packets;

/// <summary>EtherType values the decoder follows (IEEE 802 numbers).</summary>
internal static class EtherTypes
{
    public const ushort Ipv4 = 0x0800;
    public const ushort Ipv6 = 0x86DD;
    public const ushort Vlan8021Q = 0x8100;
    public const ushort Vlan8021AD = 0x88A8;
    public const ushort VlanQinQLegacy = 0x9100;
    public const ushort PppoeSession = 0x8864;
    public const ushort MplsUnicast = 0x8847;
    public const ushort MplsMulticast = 0x8848;

    /// <summary>Values at or below this in an Ethernet type/length field are 802.3 lengths (LLC follows), not EtherTypes.</summary>
    public const ushort MaxIeee8023Length = 1500;
}
