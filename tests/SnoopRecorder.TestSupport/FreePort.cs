using System.Net;
using System.Net.Sockets;

namespace SnoopRecorder.TestSupport;

/// <summary>Ports nobody listens on, for servers that cannot bind port 0 and report the port they got.</summary>
public static class FreePort
{
    /// <summary>A TCP port free on <paramref name="address"/> at the time of the call (another process may take it).</summary>
    public static int Tcp(IPAddress address)
    {
        using var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
