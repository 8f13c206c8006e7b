using SnoopRecorder.Http;
using SnoopRecorder.Http.Model;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Analysis;

/// <summary>Joins one reassembled TCP connection to its HTTP conversation and names client and server.</summary>
internal sealed class HttpConnectionBridge : ITcpStreamHandler, IHttpExchangeSink
{
    private readonly TrafficAnalyzer _owner;
    private readonly HttpConversation _conversation;
    private readonly AnalyzedConnection _connection;

    public HttpConnectionBridge(TcpConnectionInfo info, HttpParserOptions options, TrafficAnalyzer owner)
    {
        _owner = owner;
        _connection = new AnalyzedConnection
        {
            Id = info.Id,
            Initiator = ToEndpoint(info.Initiator),
            Responder = ToEndpoint(info.Responder),
            Vlan = info.Vlan,
            FirstPacketIndex = info.FirstPacketIndex,
            FirstPacketNs = info.FirstPacketNs,
        };

        // When the handshake was seen, the initiator is the client by definition; otherwise let HTTP decide.
        _conversation = new HttpConversation(options, this, info.HandshakeSeen ? ConversationSide.Initiator : null);
    }

    public void OnData(TcpDirection direction, ReadOnlySpan<byte> data, long timestampNs, long packetIndex)
        => _conversation.OnData(ToSide(direction), data, timestampNs, packetIndex);

    public void OnGap(TcpDirection direction, long length, long timestampNs, long packetIndex)
        => _conversation.OnGap(ToSide(direction), length, timestampNs, packetIndex);

    public void OnEnd(TcpDirection direction, long timestampNs, long packetIndex)
        => _conversation.OnEnd(ToSide(direction), timestampNs, packetIndex);

    public void OnClosed(TcpConnectionInfo connection)
    {
        _connection.LastPacketIndex = connection.LastPacketIndex;
        _connection.LastPacketNs = connection.LastPacketNs;
        _connection.Packets = connection.Packets;
        _connection.CloseReason = connection.CloseReason switch
        {
            TcpCloseReason.Fin => "fin",
            TcpCloseReason.Reset => "rst",
            TcpCloseReason.Idle => "idle",
            TcpCloseReason.Evicted => "evicted",
            TcpCloseReason.Reused => "reused",
            _ => "end-of-capture",
        };
        _conversation.Close(connection.LastPacketNs);
        _owner.Emit(_connection);
    }

    void IHttpExchangeSink.OnExchange(HttpExchange exchange)
    {
        var clientIsInitiator = exchange.ClientSide == ConversationSide.Initiator;
        _owner.Emit(new AnalyzedExchange
        {
            Exchange = exchange,
            Connection = _connection,
            Client = clientIsInitiator ? _connection.Initiator : _connection.Responder,
            Server = clientIsInitiator ? _connection.Responder : _connection.Initiator,
        });
    }

    // TcpDirection and ConversationSide share their numbering: FromInitiator/Initiator = 0.
    private static ConversationSide ToSide(TcpDirection direction) => (ConversationSide)(byte)direction;

    private static NetworkEndpoint ToEndpoint(TcpEndpoint endpoint) => new(endpoint.Address.ToString(), endpoint.Port);
}
