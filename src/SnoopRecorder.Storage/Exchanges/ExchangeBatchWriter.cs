using System.Collections.Concurrent;
using Dapper;
using Microsoft.Data.Sqlite;
using SnoopRecorder.Storage.Connections;
using SnoopRecorder.Storage.Database;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// The one writer of a session's analysis. Exchanges and connections are gathered into batches of
/// <see cref="MaxBatchExchanges"/> and each batch is written in
/// one transaction, keeping the session's counters current, on a thread of the writer's own: the analysis goes on
/// parsing while SQLite writes, which on two cores nearly halves an import. At most <see cref="MaxQueuedBatches"/>
/// batches wait, so memory stays bounded; <see cref="Flush"/> returns once everything added has been written.
/// <see cref="Add(ExchangeWrite)"/> and <see cref="Flush"/> belong to one thread (the analysing one).
/// </summary>
public sealed partial class ExchangeBatchWriter : IDisposable
{
    public const int MaxBatchExchanges = 500;

    /// <summary>Body bytes that make a batch full whatever its number of exchanges (bodies wait in the batch).</summary>
    public const int MaxBatchBodyBytes = 8 << 20;

    /// <summary>Full batches waiting for the writer thread before <see cref="Add(ExchangeWrite)"/> blocks.</summary>
    public const int MaxQueuedBatches = 2;

    private readonly SnoopDatabase _database;
    private readonly string _sessionId;
    private readonly BlockingCollection<WriteBatch> _queue = new(MaxQueuedBatches);
    private readonly Thread _thread;
    private readonly SessionBodyFile _bodies;
    private WriteBatch _current = new();
    private long _bodyFileEnd;
    private volatile Exception? _failure;
    private long _exchangesWritten;
    private long _connectionsWritten;

    public ExchangeBatchWriter(SnoopDatabase database, string sessionId)
    {
        _database = database;
        _sessionId = sessionId;
        _bodies = new SessionBodyFile(database.BodyFilePath(sessionId));
        _bodyFileEnd = _bodies.Length;
        _thread = new Thread(WriteLoop) { IsBackground = true, Name = $"snoop-writer-{sessionId}" };
        _thread.Start();
    }

    public long ExchangesWritten => Interlocked.Read(ref _exchangesWritten);
    public long ConnectionsWritten => Interlocked.Read(ref _connectionsWritten);

    /// <summary>
    /// Queues the exchange's row, and copies its bodies into the batch: the writer thread appends them to the session's
    /// body file before it commits the rows, and the offsets the rows keep are given out here, in the same order.
    /// </summary>
    public void Add(ExchangeWrite exchange)
    {
        ThrowIfFailed();
        var request = Place(exchange.RequestBody.Span);
        var response = Place(exchange.ResponseBody.Span);
        _current.Exchanges.Add(new QueuedExchange(exchange.Exchange, exchange.Headers, request, response));
        if (_current.Exchanges.Count >= MaxBatchExchanges || _current.Bodies.Length >= MaxBatchBodyBytes)
        {
            Hand(_current);
        }
    }

    public void Add(ConnectionRecord connection)
    {
        _current.Connections.Add(connection);
        if (_current.Connections.Count >= MaxBatchExchanges)
        {
            Hand(_current);
        }
    }

    /// <summary>
    /// Hands what was added so far to the writer thread without waiting for it (a live session calls this a few times
    /// a second so that exchanges become queryable soon after they end, not when a batch fills).
    /// </summary>
    public void Commit()
    {
        if (_current.Exchanges.Count > 0 || _current.Connections.Count > 0)
        {
            Hand(_current);
        }
    }

    /// <summary>Writes everything added so far and waits until it is committed.</summary>
    /// <exception cref="SqliteException">Writing failed (this batch or an earlier one).</exception>
    public void Flush()
    {
        var batch = _current;
        using var done = new ManualResetEventSlim();
        batch.Done = done;
        Hand(batch);
        done.Wait();
        ThrowIfFailed();
    }

    public void Dispose()
    {
        if (!_queue.IsAddingCompleted)
        {
            _queue.CompleteAdding();
        }

        _thread.Join();
        _queue.Dispose();
        _current.Bodies.Dispose();
        _bodies.Dispose();
    }

    private void Hand(WriteBatch batch)
    {
        ThrowIfFailed();
        _current = new WriteBatch();
        _queue.Add(batch);
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw new InvalidOperationException($"writing the session's exchanges failed: {failure.Message}", failure);
        }
    }

    private void WriteLoop()
    {
        using var statements = new PreparedStatements(_database);
        foreach (var batch in _queue.GetConsumingEnumerable())
        {
            try
            {
                // After a failure nothing more is written; the analysing thread learns of it at its next call.
                if (_failure is null && (batch.Exchanges.Count > 0 || batch.Connections.Count > 0))
                {
                    Write(statements, batch);
                }
            }
            catch (Exception e)
            {
                // Whatever went wrong, this thread must live on to release Flush's waiter and drain the queue: an
                // exception escaping it would end the process. The analysing thread rethrows it.
                _failure = e;
            }
            finally
            {
                batch.Bodies.Dispose();
                batch.Done?.Set();
            }
        }
    }

    private void Write(PreparedStatements statements, WriteBatch batch)
    {
        batch.Bodies.WriteTo(_bodies);
        var connection = statements.Connection;
        using var transaction = connection.BeginTransaction();
        foreach (var exchange in batch.Exchanges)
        {
            statements.Insert(_sessionId, exchange);
        }

        foreach (var record in batch.Connections)
        {
            connection.Execute(InsertConnectionSql, record with { SessionId = _sessionId }, transaction);
        }

        connection.Execute(
            "UPDATE sessions SET exchanges = exchanges + @Exchanges, connections = connections + @Connections WHERE id = @Id;",
            new { Exchanges = batch.Exchanges.Count, Connections = batch.Connections.Count, Id = _sessionId },
            transaction);
        transaction.Commit();
        if (batch.Exchanges.Count > 0)
        {
            _database.ExchangeFeed.Publish();
        }

        Interlocked.Add(ref _exchangesWritten, batch.Exchanges.Count);
        Interlocked.Add(ref _connectionsWritten, batch.Connections.Count);
    }

    private const string InsertConnectionSql = """
        INSERT OR REPLACE INTO connections (session_id, connection_id, initiator_ip, initiator_port, responder_ip,
                                            responder_port, vlan, first_packet_index, first_packet_ns,
                                            last_packet_index, last_packet_ns, packets, close_reason)
        VALUES (@SessionId, @ConnectionId, @InitiatorIp, @InitiatorPort, @ResponderIp, @ResponderPort, @Vlan,
                @FirstPacketIndex, @FirstPacketNs, @LastPacketIndex, @LastPacketNs, @Packets, @CloseReason);
        """;

    /// <summary>A row waiting for the writer thread, its bodies already in the body file.</summary>
    private sealed record QueuedExchange(ExchangeRecord Exchange, ExchangeHeaders Headers, BodyLocation Request, BodyLocation Response);

    private BodyLocation Place(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return default;
        }

        var location = new BodyLocation(_bodyFileEnd, body.Length);
        _current.Bodies.Append(body);
        _bodyFileEnd += body.Length;
        return location;
    }

    /// <summary>Where a stored body sits in the session's body file.</summary>
    private readonly record struct BodyLocation(long Offset, int Length);

    private sealed class WriteBatch
    {
        public List<QueuedExchange> Exchanges { get; } = [];
        public List<ConnectionRecord> Connections { get; } = [];
        public BatchBodies Bodies { get; } = new();
        public ManualResetEventSlim? Done { get; set; }
    }
}
