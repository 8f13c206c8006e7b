namespace SnoopRecorder.Packets;

/// <summary>IP protocol / IPv6 next-header numbers (IANA).</summary>
internal static class IpProtocols
{
    public const byte HopByHop = 0;
    public const byte Tcp = 6;
    public const byte Routing = 43;
    public const byte Fragment = 44;
    public const byte AuthenticationHeader = 51;
    public const byte NoNextHeader = 59;
    public const byte DestinationOptions = 60;
}
