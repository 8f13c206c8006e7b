using System.IO.Compression;

namespace SnoopRecorder.Capture.Tests.Corpus;

/// <summary>
/// Every capture of the shared corpus — 800 files from five projects' test suites, many of them malformed on purpose —
/// is read to its end without an exception escaping, and every packet in it is accounted for.
/// </summary>
public sealed class CorpusRobustnessTests
{
    public static TheoryData<string, long> ManifestCaptures()
    {
        var data = new TheoryData<string, long>();
        foreach (var row in CorpusFiles.Manifest())
        {
            data.Add(row["file"], long.Parse(row["packets"]));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ManifestCaptures))]
    public void Analysis_ReadsEveryPacketWithoutThrowing(string file, long packets)
    {
        var path = CorpusFiles.PathOf(file);
        var temporary = file.EndsWith(".gz", StringComparison.Ordinal) ? Gunzip(path) : null;
        try
        {
            var (result, sink) = CollectingSink.Analyze(temporary ?? path);

            // A capture cut inside its last record (tcpdump killed) is reported, never silently accepted; every whole
            // record before the cut is still analysed.
            Assert.True(result.Error is null || result.Error.Contains("truncated", StringComparison.Ordinal), result.Error);
            Assert.Equal(packets, result.Packets);
            Assert.All(sink.Exchanges, e => Assert.True(e.Exchange.Request is not null || e.Exchange.Response is not null));
            Assert.All(sink.Exchanges, e => Assert.True(e.Exchange.EndedAtNs >= e.Exchange.StartedAtNs || !e.Exchange.IsComplete));
            Assert.Equal(result.Connections, sink.Connections.Count);
        }
        finally
        {
            if (temporary is not null)
            {
                File.Delete(temporary);
            }
        }
    }

    private static string Gunzip(string path)
    {
        var target = Path.GetTempFileName();
        using var source = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var output = File.Create(target);
        source.CopyTo(output);
        return target;
    }
}
