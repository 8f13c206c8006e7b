namespace SnoopRecorder.Analysis;

/// <summary>An IP address in its usual text form ("10.0.0.1", "2001:db8::1") and a TCP port.</summary>
public sealed record NetworkEndpoint(string Ip, int Port)
{
    public override string ToString() => Ip.Contains(':') ? $"[{Ip}]:{Port}" : $"{Ip}:{Port}";
}
