namespace SnoopRecorder.Packets;

/// <summary>Why the tracker closed a connection.</summary>
public enum TcpCloseReason
{
    /// <summary>Both directions sent FIN and all their data before it was delivered or given up as gaps.</summary>
    Fin,

    /// <summary>An acceptable RST ended both directions (one implausible for its sender is ignored, see <see cref="TcpConnectionTracker"/>).</summary>
    Reset,

    /// <summary>No packet for <see cref="TcpReassemblyOptions.IdleTimeout"/> of packet time.</summary>
    Idle,

    /// <summary>Pushed out, least recently active first, when the table reached <see cref="TcpReassemblyOptions.MaxConnections"/>.</summary>
    Evicted,

    /// <summary>Still open when <see cref="TcpConnectionTracker.CloseAll"/> was called.</summary>
    EndOfCapture,

    /// <summary>A new SYN (different ISN) reused the 4-tuple of a connection that was never seen closing.</summary>
    Reused,
}
