using Microsoft.Data.Sqlite;
using SnoopRecorder.Storage.Connections;
using SnoopRecorder.Storage.Database;
using SnoopRecorder.Storage.Exchanges;
using SnoopRecorder.Storage.Migrations;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Storage.Tests;

/// <summary>A real SQLite file in a fresh temp folder, migrated, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase(bool migrate = true)
    {
        Folder = Path.Combine(Path.GetTempPath(), "snoop-storage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Database = new SnoopDatabase(Path.Combine(Folder, "snoop.db"));
        Database.EnsureCreated();
        if (migrate)
        {
            new MigrationRunner(Database).ApplyPending();
        }

        Sessions = new SessionRepository(Database);
        Exchanges = new ExchangeRepository(Database);
    }

    public string Folder { get; }
    public SnoopDatabase Database { get; }
    public SessionRepository Sessions { get; }
    public ExchangeRepository Exchanges { get; }

    public SessionRecord CreateSession(string id, SessionStatus status = SessionStatus.Analyzing, long createdAtMs = 1_700_000_000_000)
    {
        var session = new SessionRecord
        {
            Id = id,
            Kind = SessionKind.Import,
            Status = status,
            Name = $"session {id}",
            CreatedAtMs = createdAtMs,
            CaptureFile = $"{id}.pcap",
            CaptureFormat = "pcap",
        };
        Sessions.Insert(session);
        return session;
    }

    public static ExchangeWrite Exchange(
        long startedNs,
        string? host = "example.com",
        string? path = "/",
        int? status = 200,
        string method = "GET",
        int serverPort = 80,
        long connectionId = 1)
    {
        HostAuthority.TrySplit(host ?? string.Empty, out var hostName, out var hostPort);
        return new ExchangeWrite(
            new ExchangeRecord
            {
                SessionId = "ignored",
                ConnectionId = connectionId,
                ClientIp = "10.0.0.1",
                ClientPort = 40000,
                ServerIp = "10.0.0.2",
                ServerPort = serverPort,
                StartedNs = startedNs,
                EndedNs = startedNs + 1_500_000,
                FirstPacketIndex = 3,
                LastPacketIndex = 7,
                Method = method,
                Uri = path,
                Path = path,
                Host = host,
                HostName = host is null ? null : hostName,
                HostPort = host is null ? null : hostPort ?? serverPort,
                HttpVersion = "HTTP/1.1",
                Status = status,
                Reason = status is null ? null : "Reason",
                RequestBodySize = 0,
                ResponseBodySize = 2,
                Complete = status is not null,
            },
            new ExchangeHeaders
            {
                RequestHeaders = [new HeaderRecord("Host", host ?? string.Empty)],
                ResponseHeaders = [new HeaderRecord("Content-Length", "2")],
            },
            ReadOnlyMemory<byte>.Empty,
            "ok"u8.ToArray());
    }

    public void Write(string sessionId, params ExchangeWrite[] exchanges)
    {
        var writer = new ExchangeBatchWriter(Database, sessionId);
        foreach (var exchange in exchanges)
        {
            writer.Add(exchange);
        }

        writer.Flush();
    }

    public static ConnectionRecord Connection(long id) => new()
    {
        SessionId = "ignored",
        ConnectionId = id,
        InitiatorIp = "10.0.0.1",
        InitiatorPort = 40000,
        ResponderIp = "10.0.0.2",
        ResponderPort = 80,
        FirstPacketIndex = 0,
        FirstPacketNs = 1,
        LastPacketIndex = 9,
        LastPacketNs = 2,
        Packets = 10,
        CloseReason = "fin",
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
