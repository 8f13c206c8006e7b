using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using SnoopRecorder.Storage.Database;
using SnoopRecorder.Storage.Exchanges;
using SnoopRecorder.Storage.Migrations;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Benchmarks.Queries;

/// <summary>
/// A data directory holding <see cref="Exchanges"/> synthetic exchanges, filled once through the real
/// <see cref="ExchangeBatchWriter"/> and reused by later runs. Its folder name carries a hash of the embedded
/// migrations and the generator version, so a schema or generator change fills a new one.
/// </summary>
internal static class MillionExchangeStore
{
    public const int Exchanges = 1_000_000;

    /// <summary>Bump when the generated data changes.</summary>
    private const int GeneratorVersion = 1;

    private const string CompleteMarker = "filled.txt";

    /// <summary>Opens the store, filling it first when this schema and generator have none yet.</summary>
    public static SnoopDatabase Open(TextWriter log)
    {
        var folder = Folder();
        var database = new SnoopDatabase(Path.Combine(folder, "snoop.db"));
        if (File.Exists(Path.Combine(folder, CompleteMarker)))
        {
            return database;
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        log.WriteLine($"Filling {database.DatabasePath} with {Exchanges:N0} synthetic exchanges (once)...");
        var watch = Stopwatch.StartNew();
        database.EnsureCreated();
        new MigrationRunner(database).ApplyPending();
        Fill(database, log);
        var summary = $"{Exchanges} exchanges written in {watch.Elapsed.TotalSeconds:F1} s";
        File.WriteAllText(Path.Combine(folder, CompleteMarker), summary + Environment.NewLine);
        log.WriteLine(summary);
        return database;
    }

    /// <summary><c>SNOOP_QUERY_BENCH_DIR</c>, else <c>/tmp/snoop-bench-queries</c>, then a folder per schema and generator.</summary>
    public static string Folder()
    {
        var root = Environment.GetEnvironmentVariable("SNOOP_QUERY_BENCH_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "snoop-bench-queries");
        var schema = string.Join('\n', EmbeddedMigrations.Load().Select(m => $"{m.Version}:{m.Sql}"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{GeneratorVersion}\n{schema}")))[..12];
        return Path.Combine(root, $"exchanges-{Exchanges / 1_000}k-{hash}");
    }

    private static void Fill(SnoopDatabase database, TextWriter log)
    {
        var sessions = new SessionRepository(database);
        var generator = new SyntheticExchangeGenerator();
        var remaining = Exchanges;
        for (var i = 0; i < SyntheticExchangeGenerator.Sessions.Count; i++)
        {
            var session = SyntheticExchangeGenerator.Sessions[i];
            var count = i == SyntheticExchangeGenerator.Sessions.Count - 1 ? remaining : (int)(Exchanges * session.Share);
            remaining -= count;
            sessions.Insert(new SessionRecord
            {
                Id = session.Id,
                Kind = session.Name.StartsWith("import", StringComparison.Ordinal) ? SessionKind.Import : SessionKind.Live,
                Status = SessionStatus.Completed,
                Name = session.Name,
                CreatedAtMs = SyntheticExchangeGenerator.WeekStart.AddDays(session.FirstDay).ToUnixTimeMilliseconds(),
            });
            var watch = Stopwatch.StartNew();
            using (var writer = new ExchangeBatchWriter(database, session.Id))
            {
                foreach (var exchange in generator.Generate(session, count))
                {
                    writer.Add(exchange);
                }

                writer.Flush();
            }

            log.WriteLine($"  {session.Id}: {count:N0} exchanges in {watch.Elapsed.TotalSeconds:F1} s");
        }
    }
}
