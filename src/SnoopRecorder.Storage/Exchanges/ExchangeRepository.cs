using System.Text;
using Dapper;
using SnoopRecorder.Storage.Database;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>Reads exchanges: filtered pages, single exchanges with headers, and stored bodies.</summary>
public sealed class ExchangeRepository(SnoopDatabase database)
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

    public ExchangePage Query(ExchangeQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, ExchangeQuery.MaxLimit);

        var conditions = new List<string>();
        var parameters = new DynamicParameters();
        AddConditions(query, conditions, parameters);

        var sql = new StringBuilder(SelectColumns);
        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }

        // One extra row tells whether another page follows.
        sql.Append(" ORDER BY started_ns, id LIMIT @Take;");
        parameters.Add("Take", query.Limit + 1);

        using var connection = _database.OpenConnection();
        var rows = connection.Query<ExchangeRecord>(sql.ToString(), parameters).AsList();
        if (rows.Count <= query.Limit)
        {
            return new ExchangePage(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        var last = rows[^1];
        return new ExchangePage(rows, new ExchangeCursor(last.StartedNs, last.Id));
    }

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

    private static void AddConditions(ExchangeQuery query, List<string> conditions, DynamicParameters parameters)
    {
        if (query.SessionId is not null)
        {
            conditions.Add("session_id = @SessionId");
            parameters.Add("SessionId", query.SessionId);
        }

        if (query.Host is { } host)
        {
            conditions.Add("host_name = @HostName");
            parameters.Add("HostName", host.Name);
            if (host.Port is { } port)
            {
                conditions.Add("host_port = @HostPort");
                parameters.Add("HostPort", port);
            }
        }

        if (query.Path is { } path)
        {
            AddPathCondition(path, conditions, parameters);
        }

        if (query.Method is not null)
        {
            conditions.Add("method = @Method");
            parameters.Add("Method", query.Method);
        }

        if (query.Status is { } status)
        {
            conditions.Add("status BETWEEN @StatusMin AND @StatusMax");
            parameters.Add("StatusMin", status.Min);
            parameters.Add("StatusMax", status.Max);
        }

        if (query.After is { } after)
        {
            conditions.Add("(started_ns, id) > (@AfterNs, @AfterId)");
            parameters.Add("AfterNs", after.StartedNs);
            parameters.Add("AfterId", after.Id);
        }
    }

    private static void AddPathCondition(PathFilter path, List<string> conditions, DynamicParameters parameters)
    {
        if (!path.IsPrefix)
        {
            conditions.Add("path = @Path");
            parameters.Add("Path", path.Value);
            return;
        }

        if (path.Value.Length == 0)
        {
            conditions.Add("path IS NOT NULL");
            return;
        }

        // A range, not LIKE: paths are case-sensitive and '%' or '_' in them are literal characters.
        parameters.Add("PathLow", path.Value);
        if (path.UpperBound() is { } upper)
        {
            conditions.Add("path >= @PathLow AND path < @PathHigh");
            parameters.Add("PathHigh", upper);
        }
        else
        {
            conditions.Add("path >= @PathLow AND substr(path, 1, length(@PathLow)) = @PathLow");
        }
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
