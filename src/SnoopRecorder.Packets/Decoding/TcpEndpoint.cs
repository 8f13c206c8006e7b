namespace SnoopRecorder.Packets;

/// <summary>An IP address and TCP port.</summary>
public readonly record struct TcpEndpoint(IpAddressValue Address, ushort Port)
{
    /// <summary>"10.0.0.1:80" or "[2001:db8::1]:80".</summary>
    public override string ToString() => Address.IsIPv4 ? $"{Address}:{Port}" : $"[{Address}]:{Port}";
}
