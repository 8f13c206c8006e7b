using Microsoft.Data.Sqlite;

namespace SnoopRecorder.Api.Tests.Retention;

/// <summary>Ages sessions by moving their <c>created_at_ms</c> back in the service's SQLite file.</summary>
internal static class SessionClock
{
    public static void MoveCreatedBack(string dataDirectory, TimeSpan by, params string[] sessionIds)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "snoop.db"),
            Mode = SqliteOpenMode.ReadWrite,
            DefaultTimeout = 10,
            Pooling = false,
        }.ToString());
        connection.Open();
        foreach (var id in sessionIds)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE sessions SET created_at_ms = created_at_ms - $by WHERE id = $id;";
            command.Parameters.AddWithValue("$by", (long)by.TotalMilliseconds);
            command.Parameters.AddWithValue("$id", id);
            Assert.Equal(1, command.ExecuteNonQuery());
        }
    }
}
