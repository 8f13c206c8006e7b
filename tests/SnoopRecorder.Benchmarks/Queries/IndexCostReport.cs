using System.Diagnostics;
using System.Globalization;
using SnoopRecorder.Storage.Database;
using SnoopRecorder.Storage.Exchanges;
using SnoopRecorder.Storage.Migrations;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Benchmarks.Queries;

/// <summary>
/// Console mode <c>index-cost</c>: what the filter indexes of <c>0002_exchange_filters.sql</c> cost the writer. Writes
/// the same synthetic exchanges through <see cref="ExchangeBatchWriter"/> into fresh databases migrated with and
/// without them, alternately, and prints the seconds for the first 40,000 (an import of a few hundred MB) and for all,
/// and the CPU seconds for all (steadier than the wall clock on a shared machine: other processes take turns, not work).
/// </summary>
internal static class IndexCostReport
{
    private const int ImportSized = 40_000;
    private const int Rounds = 3;

    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300_000;
        var all = EmbeddedMigrations.Load();
        var variants = new (string Name, IReadOnlyList<Migration> Migrations)[]
        {
            ("0001 only", [.. all.Where(m => m.Version == 1)]),
            ("0001 + 0002", [.. all.Where(m => m.Version <= 2)]),
        };
        Console.WriteLine($"| schema | round | first {ImportSized:N0} s | all {count:N0} s | rows/s | CPU s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        for (var round = 1; round <= Rounds; round++)
        {
            foreach (var (name, migrations) in variants)
            {
                var (first, total, cpu) = Write(migrations, count);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture, $"| {name} | {round} | {first:F2} | {total:F2} | {count / total:N0} | {cpu:F2} |"));
            }
        }

        return 0;
    }

    /// <summary>Wall seconds to the first <see cref="ImportSized"/> rows and to all, and the process's CPU seconds for all.</summary>
    private static (double First, double Total, double Cpu) Write(IReadOnlyList<Migration> migrations, int count)
    {
        var folder = Path.Combine(Path.GetTempPath(), "snoop-index-cost-" + Guid.NewGuid().ToString("N"));
        try
        {
            var database = new SnoopDatabase(Path.Combine(folder, "snoop.db"));
            database.EnsureCreated();
            new MigrationRunner(database, migrations).ApplyPending();
            var session = SyntheticExchangeGenerator.Sessions[0];
            new SessionRepository(database).Insert(new SessionRecord
            {
                Id = session.Id, Kind = SessionKind.Import, Status = SessionStatus.Analyzing, CreatedAtMs = 0,
            });
            var exchanges = new SyntheticExchangeGenerator().Generate(session, count).ToList();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var first = 0.0;
            using var writer = new ExchangeBatchWriter(database, session.Id);
            for (var i = 0; i < exchanges.Count; i++)
            {
                writer.Add(exchanges[i]);
                if (i + 1 == ImportSized)
                {
                    writer.Flush();
                    first = watch.Elapsed.TotalSeconds;
                }
            }

            writer.Flush();
            return (first, watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
