using Dapper;
using SnoopRecorder.Storage.Database;

namespace SnoopRecorder.Storage.Connections;

/// <summary>Reads <c>connections</c> rows: what is needed to cut a connection's packets out of its session's capture.</summary>
public sealed class ConnectionRepository(SnoopDatabase database)
{
    private const string SelectColumns = """
        SELECT session_id AS SessionId, connection_id AS ConnectionId, initiator_ip AS InitiatorIp,
               initiator_port AS InitiatorPort, responder_ip AS ResponderIp, responder_port AS ResponderPort, vlan AS Vlan,
               first_packet_index AS FirstPacketIndex, first_packet_ns AS FirstPacketNs,
               last_packet_index AS LastPacketIndex, last_packet_ns AS LastPacketNs, packets AS Packets,
               close_reason AS CloseReason
        FROM connections
        """;

    private readonly SnoopDatabase _database = database;

    /// <summary>The connections of one session with these numbers; a connection still open has no row yet.</summary>
    public IReadOnlyList<ConnectionRecord> Get(string sessionId, IReadOnlyCollection<long> connectionIds)
    {
        ArgumentNullException.ThrowIfNull(connectionIds);
        if (connectionIds.Count == 0)
        {
            return [];
        }

        using var connection = _database.OpenConnection();

        // The numbers travel as one JSON array: a list of any length stays one parameter.
        return connection.Query<ConnectionRecord>(
            $"{SelectColumns} WHERE session_id = @SessionId AND connection_id IN (SELECT value FROM json_each(@Ids));",
            new { SessionId = sessionId, Ids = $"[{string.Join(',', connectionIds)}]" }).AsList();
    }
}
