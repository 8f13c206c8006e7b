using SnoopRecorder.Analysis;
using SnoopRecorder.Api.Imports;
using SnoopRecorder.Storage.Connections;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Sessions;

/// <summary>Hands what the analysis finds (of an import or a live recording) to the session's batch writer, converted to
/// storage rows.</summary>
internal sealed class StoringAnalysisSink(ExchangeBatchWriter writer, string sessionId) : IAnalysisSink
{
    public void OnExchange(AnalyzedExchange exchange) => writer.Add(ExchangeRecordMapper.Map(exchange, sessionId));

    public void OnConnectionClosed(AnalyzedConnection connection) => writer.Add(new ConnectionRecord
    {
        SessionId = sessionId,
        ConnectionId = connection.Id,
        InitiatorIp = connection.Initiator.Ip,
        InitiatorPort = connection.Initiator.Port,
        ResponderIp = connection.Responder.Ip,
        ResponderPort = connection.Responder.Port,
        Vlan = connection.Vlan,
        FirstPacketIndex = connection.FirstPacketIndex,
        FirstPacketNs = connection.FirstPacketNs,
        LastPacketIndex = connection.LastPacketIndex,
        LastPacketNs = connection.LastPacketNs,
        Packets = connection.Packets,
        CloseReason = connection.CloseReason,
    });
}
