namespace SnoopRecorder.Http.Model;

/// <summary>
/// The two sides of a TCP connection as the transport layer names them: the initiator is the side that sent the SYN
/// (or, when the handshake was not captured, the sender of the first packet seen). Which one is the HTTP client is for
/// the HTTP layer to decide.
/// </summary>
public enum ConversationSide : byte
{
    Initiator = 0,
    Responder = 1,
}
