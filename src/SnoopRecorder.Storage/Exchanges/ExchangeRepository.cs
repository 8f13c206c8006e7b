using Dapper;
using SnoopRecorder.Storage.Database;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>Reads exchanges: filtered pages, single exchanges with headers, and stored bodies.</summary>
public sealed partial class ExchangeRepository(SnoopDatabase database)
{
    internal const string SelectColumns = """
        SELECT id AS Id, session_id AS SessionId, connection_id AS ConnectionId, client_ip AS ClientIp,
               client_port AS ClientPort, server_ip AS ServerIp, server_port AS ServerPort, started_ns AS StartedNs,
               ended_ns AS EndedNs, first_packet_index AS FirstPacketIndex, last_packet_index AS LastPacketIndex,
               method AS Method, uri AS Uri, path AS Path, query AS Query, host AS Host, host_name AS HostName,
               host_port AS HostPort, http_version AS HttpVersion, status AS Status, reason AS Reason,
               request_body_size AS RequestBodySize, response_body_size AS ResponseBodySize,
               request_body_truncated AS RequestBodyTruncated, response_body_truncated AS ResponseBodyTruncated,
               issues AS Issues, complete AS Complete
        FROM exchanges
        """;

    private readonly SnoopDatabase _database = database;

    public ExchangeDetail? Get(long id)
    {
        using var connection = _database.OpenConnection();
        using var reader = connection.QueryMultiple(
            $"""
            {SelectColumns} WHERE id = @Id;
            SELECT request_headers AS RequestHeaders, response_headers AS ResponseHeaders,
                   request_trailers AS RequestTrailers, response_trailers AS ResponseTrailers,
                   interim_statuses AS InterimStatuses
            FROM exchanges WHERE id = @Id;
            """,
            new { Id = id });
        var exchange = reader.ReadSingleOrDefault<ExchangeRecord>();
        var json = reader.ReadSingleOrDefault<HeaderColumns>();
        if (exchange is null || json is null)
        {
            return null;
        }

        return new ExchangeDetail(exchange, new ExchangeHeaders
        {
            RequestHeaders = HeaderListJson.Deserialize(json.RequestHeaders),
            ResponseHeaders = HeaderListJson.Deserialize(json.ResponseHeaders),
            RequestTrailers = HeaderListJson.Deserialize(json.RequestTrailers),
            ResponseTrailers = HeaderListJson.Deserialize(json.ResponseTrailers),
            InterimStatuses = HeaderListJson.DeserializeStatuses(json.InterimStatuses),
        });
    }

    /// <summary>The stored (capped) body of one side; empty when the message had none.</summary>
    public byte[] GetBody(long exchangeId, BodySide side)
    {
        using var connection = _database.OpenConnection();
        var location = connection.QuerySingleOrDefault<(string SessionId, long Offset, long Stored)>(
            side == BodySide.Request
                ? "SELECT session_id, request_body_offset, request_body_stored FROM exchanges WHERE id = @Id;"
                : "SELECT session_id, response_body_offset, response_body_stored FROM exchanges WHERE id = @Id;",
            new { Id = exchangeId });
        return location.SessionId is null
            ? []
            : SessionBodyFile.Read(_database.BodyFilePath(location.SessionId), location.Offset, (int)location.Stored);
    }

    private sealed record HeaderColumns
    {
        public string? RequestHeaders { get; init; }
        public string? ResponseHeaders { get; init; }
        public string? RequestTrailers { get; init; }
        public string? ResponseTrailers { get; init; }
        public string? InterimStatuses { get; init; }
    }
}
