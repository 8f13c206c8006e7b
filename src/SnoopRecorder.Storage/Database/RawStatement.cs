using Microsoft.Data.Sqlite;
using System.Text;
using SQLitePCL;

namespace SnoopRecorder.Storage.Database;

/// <summary>
/// A statement prepared once on a connection's native handle and executed many times, binding by position.
/// </summary>
/// <remarks>
/// For bulk inserts only. Microsoft.Data.Sqlite looks every parameter up by name on every execution and copies values
/// through its own binders; measured on 37,866 exchange rows that cost more than SQLite's own work. Here a row is a
/// handful of native calls. Everything else goes through Microsoft.Data.Sqlite and Dapper.
/// </remarks>
internal sealed class RawStatement : IDisposable
{
    private const int SqliteOk = 0;
    private const int SqliteRow = 100;
    private const int SqliteDone = 101;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private byte[] _utf8 = new byte[256];

    public RawStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
    }

    public void Bind(int position, long value) => Check(raw.sqlite3_bind_int64(_statement, position, value));

    public void Bind(int position, bool value) => Bind(position, value ? 1L : 0L);

    public void BindNullable(int position, int? value) => Check(value is { } v
        ? raw.sqlite3_bind_int64(_statement, position, v)
        : raw.sqlite3_bind_null(_statement, position));

    public void Bind(int position, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, position));
            return;
        }

        // The database is UTF-8: handing SQLite UTF-16 makes it convert every value itself, which measured slower.
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_utf8.Length < length)
        {
            _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
        }

        var written = Encoding.UTF8.GetBytes(value, _utf8);
        Check(raw.sqlite3_bind_text(_statement, position, _utf8.AsSpan(0, written)));
    }

    /// <summary>Binds text already encoded as UTF-8.</summary>
    public void BindUtf8(int position, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_text(_statement, position, value));

    public void BindBlob(int position, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, position, value));

    /// <summary>Runs the statement; returns the first column of its first row when it has one (RETURNING).</summary>
    public long Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc == SqliteRow)
            {
                var value = raw.sqlite3_column_int64(_statement, 0);
                rc = raw.sqlite3_step(_statement);
                Check(rc == SqliteDone ? SqliteOk : rc);
                return value;
            }

            Check(rc == SqliteDone ? SqliteOk : rc);
            return 0;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != SqliteOk)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), rc);
        }
    }
}
