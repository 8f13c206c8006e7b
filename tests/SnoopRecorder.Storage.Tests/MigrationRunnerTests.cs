using Dapper;
using SnoopRecorder.Storage.Migrations;

namespace SnoopRecorder.Storage.Tests;

public sealed class MigrationRunnerTests
{
    [Fact]
    public void ApplyPending_OnNewDatabase_AppliesEveryEmbeddedMigrationOnceAndRecordsIt()
    {
        using var db = new TempDatabase(migrate: false);
        var embedded = EmbeddedMigrations.Load();
        Assert.NotEmpty(embedded);
        Assert.Equal(1, embedded[0].Version);
        Assert.Equal("initial", embedded[0].Name);

        var runner = new MigrationRunner(db.Database);
        var applied = runner.ApplyPending();

        Assert.Equal(embedded.Select(m => m.Version), applied.Select(m => m.Version));
        Assert.Equal(embedded.Select(m => m.Version), runner.AppliedVersions());
        using var connection = db.Database.OpenConnection();
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table';").ToHashSet();
        Assert.Contains("sessions", tables);
        Assert.Contains("exchanges", tables);
        Assert.Contains("connections", tables);
        var appliedAt = connection.QuerySingle<string>("SELECT applied_at FROM schema_migrations WHERE version = 1;");
        Assert.False(string.IsNullOrEmpty(appliedAt));
    }

    [Fact]
    public void ApplyPending_RunAgain_AppliesNothing()
    {
        using var db = new TempDatabase(migrate: false);
        new MigrationRunner(db.Database).ApplyPending();

        var second = new MigrationRunner(db.Database).ApplyPending();

        Assert.Empty(second);
        using var connection = db.Database.OpenConnection();
        Assert.Equal(EmbeddedMigrations.Load().Count, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations;"));
    }

    [Fact]
    public void ApplyPending_NewerMigrationAdded_AppliesOnlyThatOneInOrder()
    {
        using var db = new TempDatabase(migrate: false);
        var embedded = EmbeddedMigrations.Load();
        new MigrationRunner(db.Database, embedded).ApplyPending();
        var extra = new Migration(9_001, "add_probe", "CREATE TABLE probe (x INTEGER);");
        var another = new Migration(9_000, "add_probe_before", "CREATE TABLE probe_before (x INTEGER);");

        var applied = new MigrationRunner(db.Database, [.. embedded, extra, another]).ApplyPending();

        Assert.Equal([9_000, 9_001], applied.Select(m => m.Version));
    }

    [Fact]
    public void ApplyPending_FailingScript_RollsBackAndRecordsNothingForIt()
    {
        using var db = new TempDatabase(migrate: false);
        var broken = new Migration(9_002, "broken", "CREATE TABLE half (x INTEGER); THIS IS NOT SQL;");
        var runner = new MigrationRunner(db.Database, [.. EmbeddedMigrations.Load(), broken]);

        Assert.ThrowsAny<Exception>(() => runner.ApplyPending());

        Assert.DoesNotContain(9_002, runner.AppliedVersions());
        using var connection = db.Database.OpenConnection();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half';"));
    }

    [Theory]
    [InlineData("0001_initial.sql", 1, "initial")]
    [InlineData("0012_add_api_keys.sql", 12, "add_api_keys")]
    public void Parse_NumberedFileName_GivesVersionAndName(string file, int version, string name)
    {
        var migration = EmbeddedMigrations.Parse(file, "SELECT 1;");

        Assert.Equal(version, migration.Version);
        Assert.Equal(name, migration.Name);
    }

    [Fact]
    public void Order_TwoScriptsWithOneVersion_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => EmbeddedMigrations.Order(
            [new Migration(3, "a", string.Empty), new Migration(3, "b", string.Empty)]));
    }

    [Fact]
    public void EnsureCreated_SwitchesToWalAndConnectionsEnforceForeignKeys()
    {
        using var db = new TempDatabase();
        using var connection = db.Database.OpenConnection();

        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode;"));
        Assert.Equal(1, connection.ExecuteScalar<long>("PRAGMA foreign_keys;"));
        Assert.True(connection.ExecuteScalar<long>("PRAGMA busy_timeout;") > 0);
    }
}
