namespace SnoopRecorder.Packets;

/// <summary>Told by <see cref="TcpConnectionTracker"/> about every new connection.</summary>
public interface ITcpConnectionObserver
{
    /// <summary>
    /// A connection was seen for the first time. <paramref name="connection"/> is the live record: the tracker keeps
    /// updating its last packet, packet count and close reason. Return the handler for its streams, or null to ignore them.
    /// </summary>
    ITcpStreamHandler? OnConnectionOpened(TcpConnectionInfo connection);
}
