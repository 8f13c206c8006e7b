using SnoopRecorder.Http;
using SnoopRecorder.Http.Model;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Analysis;

/// <summary>Joins one reassembled TCP connection to its HTTP conversation and names client and server.</summary>
/// <remarks>
/// The conversation (parsers and their buffers, a few kilobytes) is made at the connection's first byte of payload, not
/// at its SYN: a SYN flood fills the connection table with connections that never carry any (measured: 4 to 5 KB each
/// made up front, 450 MB at the 100,000-connection cap).
/// </remarks>
internal sealed class HttpConnectionBridge : ITcpStreamHandler, IHttpExchangeSink
{
    private readonly TrafficAnalyzer _owner;
    private readonly HttpParserOptions _options;
    private readonly bool _handshakeSeen;
    private readonly AnalyzedConnection _connection;
    private HttpConversation? _conversation;

    public HttpConnectionBridge(TcpConnectionInfo info, HttpParserOptions options, TrafficAnalyzer owner)
    {
        _owner = owner;
        _options = options;
        _handshakeSeen = info.HandshakeSeen;
        _connection = new AnalyzedConnection
        {
            Id = info.Id,
            Initiator = ToEndpoint(info.Initiator),
            Responder = ToEndpoint(info.Responder),
            Vlan = info.Vlan,
            FirstPacketIndex = info.FirstPacketIndex,
            FirstPacketNs = info.FirstPacketNs,
        };
    }

    public void OnData(TcpDirection direction, ReadOnlySpan<byte> data, long timestampNs, long packetIndex, long acknowledged)
        => Conversation().OnData(ToSide(direction), data, timestampNs, packetIndex, acknowledged);

    public void OnGap(TcpDirection direction, long length, long timestampNs, long packetIndex)
        => Conversation().OnGap(ToSide(direction), length, timestampNs, packetIndex);

    public void OnConflict(TcpDirection direction, long length, long timestampNs, long packetIndex)
        => Conversation().OnConflict(ToSide(direction), length, timestampNs, packetIndex);

    public void OnEnd(TcpDirection direction, long timestampNs, long packetIndex)
        => _conversation?.OnEnd(ToSide(direction), timestampNs, packetIndex);

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
        _conversation?.Close(connection.LastPacketNs);
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

    // When the handshake was seen, the initiator is the client by definition; otherwise let HTTP decide.
    private HttpConversation Conversation() =>
        _conversation ??= new HttpConversation(_options, this, _handshakeSeen ? ConversationSide.Initiator : null);

    // TcpDirection and ConversationSide share their numbering: FromInitiator/Initiator = 0.
    private static ConversationSide ToSide(TcpDirection direction) => (ConversationSide)(byte)direction;

    private static NetworkEndpoint ToEndpoint(TcpEndpoint endpoint) => new(endpoint.Address.ToString(), endpoint.Port);
}
