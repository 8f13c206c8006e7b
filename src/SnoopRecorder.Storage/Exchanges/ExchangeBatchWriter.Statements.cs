using System.Buffers;
using Microsoft.Data.Sqlite;
using SnoopRecorder.Storage.Database;

namespace SnoopRecorder.Storage.Exchanges;

public sealed partial class ExchangeBatchWriter
{
    /// <summary>
    /// The writer thread's connection and its hot insert, prepared once and bound by position per row. Dapper serves
    /// every other query; here, tens of thousands of rows per second, building a command and reflecting over an
    /// object per row cost more than the SQLite work itself (see <see cref="RawStatement"/>).
    /// </summary>
    private sealed class PreparedStatements : IDisposable
    {
        private const string InsertExchangeSql = """
            INSERT INTO exchanges (session_id, connection_id, client_ip, client_port, server_ip, server_port, started_ns,
                                   ended_ns, first_packet_index, last_packet_index, method, uri, path, query, host,
                                   host_name, host_port, http_version, status, reason, request_headers, response_headers,
                                   request_trailers, response_trailers, interim_statuses, request_body_size,
                                   response_body_size, request_body_truncated, response_body_truncated, issues, complete,
                                   request_body_offset, request_body_stored, response_body_offset, response_body_stored)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,
                    ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35);
            """;

        private readonly RawStatement _insertExchange;
        private readonly ArrayBufferWriter<byte> _json = new();

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

            _insertExchange = new RawStatement(Connection, InsertExchangeSql);
        }

        public SqliteConnection Connection { get; }

        public void Insert(string sessionId, QueuedExchange write)
        {
            var row = write.Exchange;
            var headers = write.Headers;
            var s = _insertExchange;
            s.Bind(1, sessionId);
            s.Bind(2, row.ConnectionId);
            s.Bind(3, row.ClientIp);
            s.Bind(4, row.ClientPort);
            s.Bind(5, row.ServerIp);
            s.Bind(6, row.ServerPort);
            s.Bind(7, row.StartedNs);
            s.Bind(8, row.EndedNs);
            s.Bind(9, row.FirstPacketIndex);
            s.Bind(10, row.LastPacketIndex);
            s.Bind(11, row.Method);
            s.Bind(12, row.Uri);
            s.Bind(13, row.Path);
            s.Bind(14, row.Query);
            s.Bind(15, row.Host);
            s.Bind(16, row.HostName);
            s.BindNullable(17, row.HostPort);
            s.Bind(18, row.HttpVersion);
            s.BindNullable(19, row.Status);
            s.Bind(20, row.Reason);
            BindHeaders(21, headers.RequestHeaders);
            BindHeaders(22, headers.ResponseHeaders);
            BindHeaders(23, headers.RequestTrailers);
            BindHeaders(24, headers.ResponseTrailers);
            s.Bind(25, HeaderListJson.SerializeStatuses(headers.InterimStatuses));
            s.Bind(26, row.RequestBodySize);
            s.Bind(27, row.ResponseBodySize);
            s.Bind(28, row.RequestBodyTruncated);
            s.Bind(29, row.ResponseBodyTruncated);
            s.Bind(30, row.Issues);
            s.Bind(31, row.Complete);
            s.Bind(32, write.Request.Offset);
            s.Bind(33, (long)write.Request.Length);
            s.Bind(34, write.Response.Offset);
            s.Bind(35, (long)write.Response.Length);
            s.Execute();
        }

        private void BindHeaders(int position, IReadOnlyList<HeaderRecord> headers)
        {
            // SQLite copies bound text (SQLITE_TRANSIENT), so one buffer serves every column and row.
            _json.ResetWrittenCount();
            HeaderListJson.Write(headers, _json);
            _insertExchange.BindUtf8(position, _json.WrittenSpan);
        }

        public void Dispose()
        {
            _insertExchange.Dispose();
            Connection.Dispose();
        }
    }
}
