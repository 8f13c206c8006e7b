using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SnoopRecorder.Storage.Database;

namespace SnoopRecorder.Storage.Exchanges;

public sealed partial class ExchangeBatchWriter
{
    /// <summary>
    /// The writer thread's connection and its two hot inserts, prepared once and re-bound per row. Dapper serves every
    /// other query; here, tens of thousands of rows per second, building a command and reflecting over an anonymous
    /// object per row cost more than the SQLite work itself.
    /// </summary>
    private sealed class PreparedStatements : IDisposable
    {
        private const string InsertExchangeSql = """
            INSERT INTO exchanges (session_id, connection_id, client_ip, client_port, server_ip, server_port, started_ns,
                                   ended_ns, first_packet_index, last_packet_index, method, uri, path, query, host,
                                   host_name, host_port, http_version, status, reason, request_headers, response_headers,
                                   request_trailers, response_trailers, interim_statuses, request_body_size,
                                   response_body_size, request_body_truncated, response_body_truncated, issues, complete)
            VALUES ($session_id, $connection_id, $client_ip, $client_port, $server_ip, $server_port, $started_ns, $ended_ns,
                    $first_packet_index, $last_packet_index, $method, $uri, $path, $query, $host, $host_name, $host_port,
                    $http_version, $status, $reason, $request_headers, $response_headers, $request_trailers,
                    $response_trailers, $interim_statuses, $request_body_size, $response_body_size,
                    $request_body_truncated, $response_body_truncated, $issues, $complete)
            RETURNING id;
            """;

        private const string InsertBodySql =
            "INSERT INTO exchange_bodies (exchange_id, side, content) VALUES ($exchange_id, $side, $content);";

        private readonly SqliteCommand _insertExchange;
        private readonly SqliteCommand _insertBody;

        public PreparedStatements(SnoopDatabase database)
        {
            Connection = database.OpenConnection();
            using (var pragma = Connection.CreateCommand())
            {
                // WAL with synchronous=NORMAL stays consistent after a crash (the last transactions may be lost, never
                // half-written); FULL would fsync every batch. The pragma is per connection, so it is set here.
                pragma.CommandText = "PRAGMA synchronous = NORMAL;";
                pragma.ExecuteNonQuery();
            }

            _insertExchange = Prepare(InsertExchangeSql);
            _insertBody = Prepare(InsertBodySql);
        }

        public SqliteConnection Connection { get; }

        public void Insert(SqliteTransaction transaction, string sessionId, ExchangeWrite write)
        {
            var row = write.Exchange;
            var headers = write.Headers;
            var p = _insertExchange.Parameters;
            _insertExchange.Transaction = transaction;
            p["$session_id"].Value = sessionId;
            p["$connection_id"].Value = row.ConnectionId;
            p["$client_ip"].Value = row.ClientIp;
            p["$client_port"].Value = row.ClientPort;
            p["$server_ip"].Value = row.ServerIp;
            p["$server_port"].Value = row.ServerPort;
            p["$started_ns"].Value = row.StartedNs;
            p["$ended_ns"].Value = row.EndedNs;
            p["$first_packet_index"].Value = row.FirstPacketIndex;
            p["$last_packet_index"].Value = row.LastPacketIndex;
            p["$method"].Value = Nullable(row.Method);
            p["$uri"].Value = Nullable(row.Uri);
            p["$path"].Value = Nullable(row.Path);
            p["$query"].Value = Nullable(row.Query);
            p["$host"].Value = Nullable(row.Host);
            p["$host_name"].Value = Nullable(row.HostName);
            p["$host_port"].Value = Nullable(row.HostPort);
            p["$http_version"].Value = Nullable(row.HttpVersion);
            p["$status"].Value = Nullable(row.Status);
            p["$reason"].Value = Nullable(row.Reason);
            p["$request_headers"].Value = HeaderListJson.Serialize(headers.RequestHeaders);
            p["$response_headers"].Value = HeaderListJson.Serialize(headers.ResponseHeaders);
            p["$request_trailers"].Value = HeaderListJson.Serialize(headers.RequestTrailers);
            p["$response_trailers"].Value = HeaderListJson.Serialize(headers.ResponseTrailers);
            p["$interim_statuses"].Value = HeaderListJson.SerializeStatuses(headers.InterimStatuses);
            p["$request_body_size"].Value = row.RequestBodySize;
            p["$response_body_size"].Value = row.ResponseBodySize;
            p["$request_body_truncated"].Value = row.RequestBodyTruncated;
            p["$response_body_truncated"].Value = row.ResponseBodyTruncated;
            p["$issues"].Value = row.Issues;
            p["$complete"].Value = row.Complete;
            var id = (long)_insertExchange.ExecuteScalar()!;

            InsertBody(transaction, id, BodySide.Request, write.RequestBody);
            InsertBody(transaction, id, BodySide.Response, write.ResponseBody);
        }

        public void Dispose()
        {
            _insertExchange.Dispose();
            _insertBody.Dispose();
            Connection.Dispose();
        }

        private void InsertBody(SqliteTransaction transaction, long id, BodySide side, ReadOnlyMemory<byte> body)
        {
            if (body.IsEmpty)
            {
                return;
            }

            _insertBody.Transaction = transaction;
            _insertBody.Parameters["$exchange_id"].Value = id;
            _insertBody.Parameters["$side"].Value = side.ToText();
            _insertBody.Parameters["$content"].Value =
                MemoryMarshal.TryGetArray(body, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                    ? segment.Array
                    : body.ToArray();
            _insertBody.ExecuteNonQuery();
        }

        private SqliteCommand Prepare(string sql)
        {
            var command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (System.Text.RegularExpressions.Match name in ParameterName().Matches(sql))
            {
                if (!command.Parameters.Contains(name.Value))
                {
                    command.Parameters.Add(new SqliteParameter { ParameterName = name.Value });
                }
            }

            command.Prepare();
            return command;
        }

        private static object Nullable<T>(T? value) => value is null ? DBNull.Value : value;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\$[a-z_]+")]
    private static partial System.Text.RegularExpressions.Regex ParameterName();
}
