using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Hosting;
using SnoopRecorder.Storage.Database;
using SnoopRecorder.Storage.Migrations;

namespace SnoopRecorder.Api.Storage;

/// <summary>Creates the one <see cref="SnoopDatabase"/> of the process, created and migrated before first use.</summary>
internal static partial class DatabaseFactory
{
    public static SnoopDatabase Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseFactory).FullName!);
        // The first thing that touches the data directory, in the service and in the import command alike.
        DataDirectory.Prepare(options.DataDirectory, logger);
        var database = new SnoopDatabase(options.DatabasePath);
        database.EnsureCreated();
        var applied = new MigrationRunner(database).ApplyPending();
        if (applied.Count > 0)
        {
            Log.MigrationsApplied(logger, applied.Count, string.Join(", ", applied.Select(m => $"{m.Version:D4}_{m.Name}")), database.DatabasePath);
        }

        return database;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.MigrationsApplied, Level = LogLevel.Information,
            Message = "Applied {Count} migration(s) ({Migrations}) to {Database}")]
        public static partial void MigrationsApplied(ILogger logger, int count, string migrations, string database);
    }
}
