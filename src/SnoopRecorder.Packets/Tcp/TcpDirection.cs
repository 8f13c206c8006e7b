namespace SnoopRecorder.Packets;

/// <summary>Which side of a connection sent the bytes.</summary>
public enum TcpDirection : byte
{
    /// <summary>From <see cref="TcpConnectionInfo.Initiator"/> to <see cref="TcpConnectionInfo.Responder"/>.</summary>
    FromInitiator = 0,

    /// <summary>From <see cref="TcpConnectionInfo.Responder"/> to <see cref="TcpConnectionInfo.Initiator"/>.</summary>
    FromResponder = 1,
}
