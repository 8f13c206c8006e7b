using SnoopRecorder.Analysis;
using SnoopRecorder.Api.Imports;
using SnoopRecorder.Api.Redaction;
using SnoopRecorder.Storage.Connections;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Sessions;

/// <summary>Hands what the analysis finds (of an import or a live recording) to the session's batch writer, converted to
/// storage rows, with secret header values redacted unless <paramref name="redactor"/> is null (redact=false).</summary>
internal sealed class StoringAnalysisSink(ExchangeBatchWriter writer, string sessionId, HeaderRedactor? redactor) : IAnalysisSink
{
    public void OnExchange(AnalyzedExchange exchange) => writer.Add(ExchangeRecordMapper.Map(exchange, sessionId, redactor));

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
