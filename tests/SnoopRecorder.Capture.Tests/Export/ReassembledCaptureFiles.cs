using SnoopRecorder.Capture.Export;
using SnoopRecorder.Capture.Export.Reassembled;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Capture.Tests.Export;

/// <summary>Writes reassembled captures of files to a temporary folder, for tests that read them back with tools.</summary>
internal sealed class ReassembledCaptureFiles : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("snoop-reassembled-").FullName;

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>Rebuilds <paramref name="captures"/> (all their connections) into one pcapng file and returns its path.</summary>
    public async Task<(string Path, RebuildSummary Summary)> RebuildAsync(string name, params string[] captures) =>
        await RebuildAsync(name, captures.Select(c => (c, (IEnumerable<ConnectionWindow>?)null)).ToArray());

    public async Task<(string Path, RebuildSummary Summary)> RebuildAsync(string name, params (string Capture, IEnumerable<ConnectionWindow>? Windows)[] captures)
    {
        var path = Path.Combine(Folder, name);
        var sources = captures.Select(c => ReassembledCaptureSource.Open(c.Capture, c.Windows)).ToList();
        try
        {
            await using var file = File.Create(path);
            var summary = await ReassembledCaptureWriter.WriteAsync(sources, file, "a test", CancellationToken.None);
            return (path, summary);
        }
        finally
        {
            sources.ForEach(s => s.Dispose());
        }
    }
}
