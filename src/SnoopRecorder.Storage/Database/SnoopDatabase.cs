using Microsoft.Data.Sqlite;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Storage.Database;

/// <summary>
/// The SQLite database file of one data directory: hands out open connections with the pragmas every connection needs.
/// </summary>
public sealed class SnoopDatabase
{
    /// <summary>How long a connection waits for another writer before giving up (SQLITE_BUSY).</summary>
    public const int BusyTimeoutMilliseconds = 5_000;

    private readonly string _connectionString;

    public SnoopDatabase(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1_000,
        }.ToString();
    }

    public string DatabasePath { get; }

    /// <summary>Signalled by every batch writer of this database after each commit that stored exchanges.</summary>
    public ExchangeFeed ExchangeFeed { get; } = new();

    /// <summary>Where each session's stored bodies are appended: <c>bodies/{sessionId}.bin</c> beside the database.</summary>
    public string BodiesDirectory => Path.Combine(Path.GetDirectoryName(DatabasePath)!, "bodies");

    /// <summary>The body file of one session. Session ids are generated lowercase base32, so they name files safely.</summary>
    public string BodyFilePath(string sessionId)
    {
        if (sessionId.Length == 0 || !sessionId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"'{sessionId}' is not a session id", nameof(sessionId));
        }

        return Path.Combine(BodiesDirectory, sessionId + ".bin");
    }

    /// <summary>Opens a connection with foreign keys on and a busy timeout; the caller disposes it.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Creates the file's folder and switches the database to WAL so that readers never block the writer.</summary>
    public void EnsureCreated()
    {
        var folder = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        // journal_mode is persistent: set once, every later connection uses WAL.
        command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
        command.ExecuteNonQuery();
    }
}
