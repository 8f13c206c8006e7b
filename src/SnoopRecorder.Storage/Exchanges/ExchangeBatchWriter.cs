using System.Runtime.InteropServices;
using Dapper;
using Microsoft.Data.Sqlite;
using SnoopRecorder.Storage.Connections;
using SnoopRecorder.Storage.Database;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// The one writer of a session's analysis: buffers exchanges and connections and writes them in one transaction per
/// batch (every <see cref="MaxBatchExchanges"/> exchanges or <see cref="MaxBatchBodyBytes"/> of bodies, and on
/// <see cref="Flush"/>), keeping the session's exchange counter current. Not thread-safe: one analysing thread owns it.
/// </summary>
public sealed class ExchangeBatchWriter(SnoopDatabase database, string sessionId)
{
    public const int MaxBatchExchanges = 500;

    /// <summary>Bounds the memory a batch holds: bodies are capped per exchange, not per batch.</summary>
    public const long MaxBatchBodyBytes = 16L << 20;

    private const string InsertExchangeSql = """
        INSERT INTO exchanges (session_id, connection_id, client_ip, client_port, server_ip, server_port, started_ns,
                               ended_ns, first_packet_index, last_packet_index, method, uri, path, query, host,
                               host_name, host_port, http_version, status, reason, request_headers, response_headers,
                               request_trailers, response_trailers, interim_statuses, request_body_size,
                               response_body_size, request_body_truncated, response_body_truncated, issues, complete)
        VALUES (@SessionId, @ConnectionId, @ClientIp, @ClientPort, @ServerIp, @ServerPort, @StartedNs, @EndedNs,
                @FirstPacketIndex, @LastPacketIndex, @Method, @Uri, @Path, @Query, @Host, @HostName, @HostPort,
                @HttpVersion, @Status, @Reason, @RequestHeaders, @ResponseHeaders, @RequestTrailers, @ResponseTrailers,
                @InterimStatuses, @RequestBodySize, @ResponseBodySize, @RequestBodyTruncated, @ResponseBodyTruncated,
                @Issues, @Complete)
        RETURNING id;
        """;

    private const string InsertBodySql =
        "INSERT INTO exchange_bodies (exchange_id, side, content) VALUES (@ExchangeId, @Side, @Content);";

    private const string InsertConnectionSql = """
        INSERT OR REPLACE INTO connections (session_id, connection_id, initiator_ip, initiator_port, responder_ip,
                                            responder_port, vlan, first_packet_index, first_packet_ns,
                                            last_packet_index, last_packet_ns, packets, close_reason)
        VALUES (@SessionId, @ConnectionId, @InitiatorIp, @InitiatorPort, @ResponderIp, @ResponderPort, @Vlan,
                @FirstPacketIndex, @FirstPacketNs, @LastPacketIndex, @LastPacketNs, @Packets, @CloseReason);
        """;

    private readonly SnoopDatabase _database = database;
    private readonly string _sessionId = sessionId;
    private readonly List<ExchangeWrite> _exchanges = [];
    private readonly List<ConnectionRecord> _connections = [];
    private long _pendingBodyBytes;

    public long ExchangesWritten { get; private set; }
    public long ConnectionsWritten { get; private set; }

    public void Add(ExchangeWrite exchange)
    {
        _exchanges.Add(exchange);
        _pendingBodyBytes += exchange.RequestBody.Length + exchange.ResponseBody.Length;
        if (_exchanges.Count >= MaxBatchExchanges || _pendingBodyBytes >= MaxBatchBodyBytes)
        {
            Flush();
        }
    }

    public void Add(ConnectionRecord connection)
    {
        _connections.Add(connection);
        if (_connections.Count >= MaxBatchExchanges)
        {
            Flush();
        }
    }

    /// <summary>Writes everything buffered in one transaction.</summary>
    public void Flush()
    {
        if (_exchanges.Count == 0 && _connections.Count == 0)
        {
            return;
        }

        using var connection = _database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        foreach (var exchange in _exchanges)
        {
            Insert(connection, transaction, exchange);
        }

        foreach (var record in _connections)
        {
            connection.Execute(InsertConnectionSql, record with { SessionId = _sessionId }, transaction);
        }

        connection.Execute(
            "UPDATE sessions SET exchanges = exchanges + @Exchanges, connections = connections + @Connections WHERE id = @Id;",
            new { Exchanges = _exchanges.Count, Connections = _connections.Count, Id = _sessionId },
            transaction);
        transaction.Commit();

        ExchangesWritten += _exchanges.Count;
        ConnectionsWritten += _connections.Count;
        _exchanges.Clear();
        _connections.Clear();
        _pendingBodyBytes = 0;
    }

    private void Insert(SqliteConnection connection, SqliteTransaction transaction, ExchangeWrite write)
    {
        var row = write.Exchange;
        var headers = write.Headers;
        var id = connection.ExecuteScalar<long>(
            InsertExchangeSql,
            new
            {
                SessionId = _sessionId,
                row.ConnectionId,
                row.ClientIp,
                row.ClientPort,
                row.ServerIp,
                row.ServerPort,
                row.StartedNs,
                row.EndedNs,
                row.FirstPacketIndex,
                row.LastPacketIndex,
                row.Method,
                row.Uri,
                row.Path,
                row.Query,
                row.Host,
                row.HostName,
                row.HostPort,
                row.HttpVersion,
                row.Status,
                row.Reason,
                RequestHeaders = HeaderListJson.Serialize(headers.RequestHeaders),
                ResponseHeaders = HeaderListJson.Serialize(headers.ResponseHeaders),
                RequestTrailers = HeaderListJson.Serialize(headers.RequestTrailers),
                ResponseTrailers = HeaderListJson.Serialize(headers.ResponseTrailers),
                InterimStatuses = HeaderListJson.SerializeStatuses(headers.InterimStatuses),
                row.RequestBodySize,
                row.ResponseBodySize,
                row.RequestBodyTruncated,
                row.ResponseBodyTruncated,
                row.Issues,
                row.Complete,
            },
            transaction);

        InsertBody(connection, transaction, id, BodySide.Request, write.RequestBody);
        InsertBody(connection, transaction, id, BodySide.Response, write.ResponseBody);
    }

    private static void InsertBody(SqliteConnection connection, SqliteTransaction transaction, long id, BodySide side, ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return;
        }

        var content = MemoryMarshal.TryGetArray(body, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : body.ToArray();
        connection.Execute(InsertBodySql, new { ExchangeId = id, Side = side.ToText(), Content = content }, transaction);
    }
}
