using Microsoft.Data.Sqlite;

namespace SnoopRecorder.Api.Tests.Retention;

/// <summary>
/// Gives a data directory sessions from an earlier run of the service (without a quota), so that a test can start
/// the service again on it with a quota set relative to what it holds.
/// </summary>
internal static class EarlierSessions
{
    /// <summary>2.6 MB: one request whose large response body is stored too (1 MiB of it).</summary>
    public const string LargeCapture = "suricata/decode-sll2-02/input.pcap";

    /// <summary>Imports <paramref name="count"/> large captures in a first run, stops it, and returns the directory's size.</summary>
    public static async Task<(long Bytes, List<string> Ids)> ImportAsync(SnoopApiFactory root, int count)
    {
        var ids = new List<string>();
        using (var first = root.WithWebHostBuilder(_ => { }))
        {
            var client = first.CreateClient();
            for (var i = 0; i < count; i++)
            {
                ids.Add((await client.ImportAsync(Corpus.PathOf(LargeCapture))).GetProperty("id").GetString()!);
            }
        }

        // The last connection closing checkpoints the WAL into the database and removes it: the size measured is the
        // one the next run starts with.
        SqliteConnection.ClearAllPools();
        return (DataDirectoryFiles.Bytes(root.DataDirectory), ids);
    }
}
