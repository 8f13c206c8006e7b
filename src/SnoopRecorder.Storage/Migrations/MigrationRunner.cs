using System.Globalization;
using Dapper;
using SnoopRecorder.Storage.Database;

namespace SnoopRecorder.Storage.Migrations;

/// <summary>
/// Applies the migrations a database has not seen yet, in version order, each in its own transaction and recorded in
/// <c>schema_migrations</c>. Safe when two processes start together: the version check runs under the write lock.
/// </summary>
public sealed class MigrationRunner(SnoopDatabase database, IReadOnlyList<Migration> migrations)
{
    private const string CreateVersionTableSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            applied_at TEXT NOT NULL
        );
        """;

    private readonly SnoopDatabase _database = database;
    private readonly IReadOnlyList<Migration> _migrations = EmbeddedMigrations.Order(migrations);

    public MigrationRunner(SnoopDatabase database)
        : this(database, EmbeddedMigrations.Load())
    {
    }

    /// <summary>Applies every pending migration and returns those it applied (empty when the schema is current).</summary>
    public IReadOnlyList<Migration> ApplyPending()
    {
        using var connection = _database.OpenConnection();
        connection.Execute(CreateVersionTableSql);

        var applied = new List<Migration>();
        foreach (var migration in _migrations)
        {
            // BeginTransaction() is BEGIN IMMEDIATE: the check and the script run under the write lock.
            using var transaction = connection.BeginTransaction();
            var done = connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version;",
                new { migration.Version },
                transaction);
            if (done > 0)
            {
                continue;
            }

            connection.Execute(migration.Sql, transaction: transaction);
            connection.Execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt);",
                new { migration.Version, migration.Name, AppliedAt = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
                transaction);
            transaction.Commit();
            applied.Add(migration);
        }

        return applied;
    }

    /// <summary>Versions recorded in <c>schema_migrations</c>, ascending.</summary>
    public IReadOnlyList<int> AppliedVersions()
    {
        using var connection = _database.OpenConnection();
        connection.Execute(CreateVersionTableSql);
        return connection.Query<int>("SELECT version FROM schema_migrations ORDER BY version;").AsList();
    }
}
