using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace SnoopRecorder.TestSupport;

/// <summary>The host side of Docker's default bridge, where containers reach the host.</summary>
public static class DockerNetwork
{
    public const string BridgeInterface = "docker0";

    /// <summary>docker0's IPv4 address (172.17.0.1 by default).</summary>
    /// <exception cref="DockerUnavailableException">There is no docker0, or it has no IPv4 address.</exception>
    public static IPAddress Docker0Address()
    {
        var bridge = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(i => i.Name == BridgeInterface)
            ?? throw new DockerUnavailableException(
                $"There is no {BridgeInterface} interface: dockerd creates it when it starts " +
                "(run scripts/test.sh, which starts dockerd, or set SNOOP_SKIP_DOCKER=1).");
        return bridge.GetIPProperties().UnicastAddresses
                .Select(a => a.Address)
                .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? throw new DockerUnavailableException($"{BridgeInterface} has no IPv4 address (ip -4 addr show {BridgeInterface}).");
    }
}
